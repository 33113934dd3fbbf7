extension MetricCatalogue {
    /// The contents of seeds/metrics.csv, compiled in so that `clinic` needs no files beside it.
    /// A test checks that this copy and the seed file are identical.
    static let seedCSV = #"""
id,label,unit,polarity,kind,definition
lac,Children looked after,count,neutral,stock,"Children looked after at the end of the month, excluding children whose only episodes are short breaks (legal status V3 or V4); each child counted once"
lac_rate_per_10k,"Children looked after per 10,000 children",rate,neutral,stock,"lac divided by the ONS mid-year estimate of 0-17 year olds, times 10,000"
lac_starts,Children starting to be looked after,count,neutral,flow,"Children with an episode starting in the month whose reason for new episode (RNE) is S"
lac_ceased,Children ceasing to be looked after,count,neutral,flow,"Episodes ending in the month (DEC in the month) with a reason episode ceased (REC) other than X1"
lac_ceased_18,Children leaving care at 18 or over,count,neutral,flow,"lac_ceased where the child was 18 or older on the date the episode ended (from the Header date of birth)"
ppo,Police protection periods,count,lower_better,flow,"Police protection periods (legal status L1) starting in the month; back-to-back L1 episodes of one child are one period"
ppo_children,Children taken into police protection,count,lower_better,flow,"Distinct children with a police protection period starting in the month"
missing_incidents,Missing from care incidents,count,lower_better,flow,"Missing records with MISSING = M whose start date (MIS_START) is in the month"
away_incidents,Away from placement without authorisation,count,lower_better,flow,"Missing records with MISSING = A whose start date (MIS_START) is in the month"
missing_children,Children missing from care,count,lower_better,flow,"Distinct children with a missing (M) incident starting in the month"
referrals,Referrals to children's social care,count,neutral,flow,"CIN referrals with a referral date in the month"
referrals_rate_per_10k,"Referrals per 10,000 children",rate,neutral,flow,"referrals divided by the ONS mid-year estimate of 0-17 year olds, times 10,000"
referrals_police,Referrals from the police,count,neutral,flow,"CIN referrals with a referral date in the month whose ReferralSource is 6 (police)"
re_referrals_pct,Re-referrals within 12 months,percent,lower_better,flow,"Percentage of the month's referrals that came within 12 months of a previous referral of the same child"
referrals_nfa_pct,Referrals with no further action,percent,lower_better,flow,"Percentage of the month's referrals recorded as no further action (ReferralNFA true)"
cin,Children in need,count,neutral,stock,"Children in need at the end of the month, from the authority's aggregate extract"
cp_plans,Children on child protection plans,count,neutral,stock,"Children subject to a child protection plan at the end of the month, from the aggregate extract"
sw_caseload,Average social worker caseload,ratio,lower_better,stock,"Average number of children per case-holding social worker at the end of the month"
pep_completion_pct,Personal education plans completed,percent,higher_better,stock,"Percentage of looked after children of school age with an up-to-date personal education plan"

"""#
}
