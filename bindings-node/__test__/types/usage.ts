// What a TypeScript user of `lec` writes, type-checked by `tsc` against the generated index.d.ts
// (types.test.mjs). Never run: the calls only have to type-check. Each `@ts-expect-error` line
// must be an error, so a declaration that became too loose fails too.
import {
  BudgetPolicy, Policy, Registry, Round, builtinCalendar, calendarFromFile, calendarFromJson,
  calendarFromToml, checkId, parseId, spotCheckSample, summarise, validateFile, validateHeadcounts, validateIds,
  validateRecords, validateUpload,
} from 'lec'
import type {
  HeadcountReport, BudgetItem, BudgetSummary, ConfirmationRequired, DuplicateResolution, Finding, HeadcountForm, LecError, PendingUnit,
  Per, RecordTally, Report, RoundCalendar, RoundState, StudentRow, UnitBudget,
} from 'lec'

export async function usage(): Promise<void> {
  // identities and files (the existing API)
  const id: string = parseId('1101400123451').masked
  const codes: (string | null)[] = validateIds(['1101400123451'])
  const valid: boolean = checkId('1101400123451', { year: 2567 }).valid
  const registry = Registry.fromFile('registry.csv')
  const report: Report = await validateFile(['students.csv'], { registry, year: 2567, policy: new Policy() })
  const upload: Report = await validateUpload(Buffer.from(''), { name: 'upload.csv' })
  const rows: StudentRow[] = [{ person_id: '1101400123451', grade: 'ป.1', room: 3, status: null }]
  const inMemory: Report = validateRecords(rows)

  // headcount forms
  const forms = await validateHeadcounts('headcounts.csv', { registry: 'registry.csv', policy: new Policy() })
  const checked: HeadcountReport = forms
  const first: HeadcountForm = checked.forms[0]
  const k1: number | null = first.counts.K1
  const counted: number = forms.summary.recordsCounted
  const findings: Finding[] = forms.findings
  const json: { files: unknown[]; forms: HeadcountForm[] } = forms.toJSON()

  // the budget
  const policy = BudgetPolicy.builtin(2567)
  const lunch: BudgetItem | null = policy.item('lunch')
  const per: Per | undefined = lunch?.per
  const rate: number | null = policy.rate('lunch', 'P1', 44)
  const resolution: DuplicateResolution = policy.duplicateResolution
  const required: ConfirmationRequired = policy.confirmationRequired
  const round = new Round(registry, '2567-2')
  const state: RoundState = round.state
  const s: BudgetSummary = await summarise(registry, rows, forms, { round, budgetPolicy: policy, year: 2567, unmask: false })
  await summarise('registry.csv', rows, ['a.csv', 'b.csv'], { round: state })
  await summarise(registry, rows, 'headcounts.csv')
  await summarise(registry, rows, null, { policy: new Policy() })
  await summarise(registry, rows)
  const total: UnitBudget = s.total
  const amount: number | null = total.items[0].amountSatang
  const level: 'institution' | 'school' | 'lao' | 'province' | 'total' = total.level
  const excluded: string | null = s.institutions[0].excluded
  const heads: number | undefined = total.headsByGrade.K1
  const tally: RecordTally = s.records
  const person: string = s.unresolvedDuplicates[0].person

  // monitoring and calendars
  const pending: PendingUnit[] = round.pending(new Date().toISOString(), '58')
  const waits: string[] = pending[0].waitingFor
  const deadline: string = pending[0].deadline
  const sample: string[] = spotCheckSample(registry, 58, 3, 2567).concat(spotCheckSample(registry, '58', 3, 2n ** 63n))
  const again: string[] = round.spotCheckSample(58, 3, 2567)
  const calendars: RoundCalendar[] = [builtinCalendar('2567-2'), calendarFromJson('{}'), calendarFromToml(''), calendarFromFile('c.toml')]
  const custom = new Round(registry, calendars[1])

  try {
    BudgetPolicy.builtin(2599)
  } catch (e) {
    const code: string = (e as LecError).code
    void code
  }

  // @ts-expect-error: a round is a Round or its state, not a calendar id
  await summarise(registry, rows, null, { round: '2567-2' })
  // @ts-expect-error: headcounts are a report or paths
  await summarise(registry, rows, 42)
  // @ts-expect-error: a seed is a number or a bigint
  spotCheckSample(registry, 58, 3, '2567')
  // @ts-expect-error: an amount may be unknown (null)
  const sure: number = total.items[0].amountSatang

  void [id, codes, valid, upload, inMemory, k1, counted, findings, json, per, rate, resolution, required, amount, level,
    excluded, heads, tally, person, waits, deadline, sample, again, custom, sure]
}
