extension RecordCodes {
    /// The contents of seeds/record_codes.csv, compiled in; a test checks the copies are identical.
    static let seedCSV = #"""
table,field,code,label
ssda903_episodes,RNE,S,Started to be looked after
ssda903_episodes,RNE,L,Change of legal status only
ssda903_episodes,RNE,P,Change of placement and carer(s) only
ssda903_episodes,RNE,T,Change of placement but same carer(s)
ssda903_episodes,RNE,B,"Change of legal status and placement and carer(s) at the same time"
ssda903_episodes,RNE,U,"Change of legal status and change of placement but same carer(s) at the same time"
ssda903_episodes,LS,C1,Interim care order
ssda903_episodes,LS,C2,Full care order
ssda903_episodes,LS,D1,Freeing order granted
ssda903_episodes,LS,E1,Placement order granted
ssda903_episodes,LS,J1,Remanded to local authority accommodation or youth detention accommodation
ssda903_episodes,LS,J2,Placed in local authority accommodation under PACE
ssda903_episodes,LS,J3,Sentenced to a youth rehabilitation order with residence or fostering requirement
ssda903_episodes,LS,L1,Under police protection and in local authority accommodation
ssda903_episodes,LS,L2,Emergency protection order
ssda903_episodes,LS,L3,Under child assessment order and in local authority accommodation
ssda903_episodes,LS,V2,Single period of accommodation under section 20
ssda903_episodes,LS,V3,"Accommodated under an agreed series of short-term breaks, when individual episodes are recorded"
ssda903_episodes,LS,V4,"Accommodated under an agreed series of short-term breaks, when agreements are recorded"
ssda903_episodes,REC,X1,"Episode ceases, and new episode begins on same day, for any reason"
ssda903_episodes,REC,E11,Adopted
ssda903_episodes,REC,E12,Adopted
ssda903_episodes,REC,E13,Left care to live with parent(s) or relative(s)
ssda903_episodes,REC,E14,Accommodation on remand ended
ssda903_episodes,REC,E15,Age assessment determined child is aged 18 or over
ssda903_episodes,REC,E16,Child moved abroad
ssda903_episodes,REC,E17,Aged 18 (or over) and remained with current carers
ssda903_episodes,REC,E2,Died
ssda903_episodes,REC,E3,Care taken over by another local authority in the UK
ssda903_episodes,REC,E4A,Returned home to live with parent(s) or relative(s) as part of the care planning process
ssda903_episodes,REC,E4B,Returned home to live with parent(s) or relative(s) not as part of the care planning process
ssda903_episodes,REC,E41,Residence order or child arrangements order granted
ssda903_episodes,REC,E45,Special guardianship order made to former foster carer(s)
ssda903_episodes,REC,E46,Special guardianship order made to carer(s) other than former foster carer(s)
ssda903_episodes,REC,E47,Special guardianship order made to former foster carer(s) who are relatives or friends
ssda903_episodes,REC,E48,Special guardianship order made to carer(s) other than former foster carer(s) who are relatives or friends
ssda903_episodes,REC,E5,Moved into independent living with supportive accommodation
ssda903_episodes,REC,E6,Moved into independent living without formalised support
ssda903_episodes,REC,E7,Transferred to residential care funded by adult social care
ssda903_episodes,REC,E8,Period of being looked after ceased for any other reason
ssda903_episodes,REC,E9,Sentenced to custody
ssda903_missing,MISSING,M,Missing from placement
ssda903_missing,MISSING,A,Away from placement without authorisation
cin_referrals,ReferralSource,1A,Individual: family member or relative or carer
cin_referrals,ReferralSource,1B,Individual: acquaintance
cin_referrals,ReferralSource,1C,Individual: self
cin_referrals,ReferralSource,1D,Individual: other
cin_referrals,ReferralSource,2A,Schools
cin_referrals,ReferralSource,2B,Education services
cin_referrals,ReferralSource,3A,Health services: GP
cin_referrals,ReferralSource,3B,Health services: health visitor
cin_referrals,ReferralSource,3C,Health services: school nurse
cin_referrals,ReferralSource,3D,Health services: other primary health services
cin_referrals,ReferralSource,3E,Health services: A&E
cin_referrals,ReferralSource,3F,Health services: other
cin_referrals,ReferralSource,4,Housing
cin_referrals,ReferralSource,5A,Local authority services: social care
cin_referrals,ReferralSource,5B,Local authority services: other internal
cin_referrals,ReferralSource,5C,Local authority services: external
cin_referrals,ReferralSource,5D,Local authority services: early help
cin_referrals,ReferralSource,6,Police
cin_referrals,ReferralSource,7,Other legal agency
cin_referrals,ReferralSource,8,Other
cin_referrals,ReferralSource,9,Anonymous
cin_referrals,ReferralSource,10,Unknown

"""#
}
