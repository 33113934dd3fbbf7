extension PopulationTable {
    /// seeds/population_0_17.csv and seeds/la_code_changes.csv, compiled in; a test checks the copies.
    static let seedCSV = #"""
level,code,name,mid_year,population
national,E92000001,England,2024,12183016
region,E12000001,North East,2024,542710
region,E12000002,North West,2024,1627558
region,E12000003,Yorkshire and The Humber,2024,1181103
region,E12000004,East Midlands,2024,1032130
region,E12000005,West Midlands,2024,1351245
region,E12000006,East of England,2024,1394026
region,E12000007,London,2024,1916086
region,E12000008,South East,2024,2023914
region,E12000009,South West,2024,1114244
region,E13000001,Inner London,2024,639273
region,E13000002,Outer London,2024,1276813
local_authority,E06000047,County Durham,2024,100432
local_authority,E06000005,Darlington,2024,22771
local_authority,E08000037,Gateshead,2024,40414
local_authority,E06000001,Hartlepool,2024,21090
local_authority,E06000002,Middlesbrough,2024,35617
local_authority,E08000021,Newcastle upon Tyne,2024,61206
local_authority,E08000022,North Tyneside,2024,42263
local_authority,E06000057,Northumberland,2024,59056
local_authority,E06000003,Redcar and Cleveland,2024,27499
local_authority,E08000023,South Tyneside,2024,30513
local_authority,E06000004,Stockton-on-Tees,2024,45079
local_authority,E08000024,Sunderland,2024,56770
local_authority,E06000008,Blackburn with Darwen,2024,41804
local_authority,E06000009,Blackpool,2024,28923
local_authority,E08000001,Bolton,2024,75599
local_authority,E08000002,Bury,2024,44768
local_authority,E06000049,Cheshire East,2024,83041
local_authority,E06000050,Cheshire West and Chester,2024,71565
local_authority,E06000063,Cumberland,2024,52489
local_authority,E06000006,Halton,2024,27739
local_authority,E08000011,Knowsley,2024,36039
local_authority,E10000017,Lancashire,2024,261392
local_authority,E08000012,Liverpool,2024,97802
local_authority,E08000003,Manchester,2024,131831
local_authority,E08000004,Oldham,2024,64069
local_authority,E08000005,Rochdale,2024,58087
local_authority,E08000006,Salford,2024,63622
local_authority,E08000014,Sefton,2024,54760
local_authority,E08000013,St. Helens,2024,37608
local_authority,E08000007,Stockport,2024,64910
local_authority,E08000008,Tameside,2024,52901
local_authority,E08000009,Trafford,2024,56737
local_authority,E06000007,Warrington,2024,44799
local_authority,E06000064,Westmorland and Furness,2024,39153
local_authority,E08000010,Wigan,2024,71697
local_authority,E08000015,Wirral,2024,66223
local_authority,E08000016,Barnsley,2024,51799
local_authority,E08000032,Bradford,2024,142483
local_authority,E08000033,Calderdale,2024,45130
local_authority,E08000017,Doncaster,2024,68271
local_authority,E06000011,East Riding of Yorkshire,2024,63023
local_authority,E06000010,"Kingston upon Hull, City of",2024,62379
local_authority,E08000034,Kirklees,2024,99822
local_authority,E08000035,Leeds,2024,176239
local_authority,E06000012,North East Lincolnshire,2024,33522
local_authority,E06000013,North Lincolnshire,2024,34675
local_authority,E06000065,North Yorkshire,2024,115721
local_authority,E08000018,Rotherham,2024,59521
local_authority,E08000019,Sheffield,2024,116279
local_authority,E08000036,Wakefield,2024,77481
local_authority,E06000014,York,2024,34758
local_authority,E06000015,Derby,2024,62113
local_authority,E10000007,Derbyshire,2024,156155
local_authority,E06000016,Leicester,2024,90763
local_authority,E10000018,Leicestershire,2024,147439
local_authority,E10000019,Lincolnshire,2024,147954
local_authority,E06000061,North Northamptonshire,2024,83113
local_authority,E06000018,Nottingham,2024,68714
local_authority,E10000024,Nottinghamshire,2024,171572
local_authority,E06000017,Rutland,2024,8012
local_authority,E06000062,West Northamptonshire,2024,96295
local_authority,E08000025,Birmingham,2024,292859
local_authority,E08000026,Coventry,2024,83561
local_authority,E08000027,Dudley,2024,71124
local_authority,E06000019,"Herefordshire, County of",2024,34439
local_authority,E08000028,Sandwell,2024,88593
local_authority,E06000051,Shropshire,2024,60153
local_authority,E08000029,Solihull,2024,49229
local_authority,E10000028,Staffordshire,2024,174804
local_authority,E06000021,Stoke-on-Trent,2024,62520
local_authority,E06000020,Telford and Wrekin,2024,44248
local_authority,E08000030,Walsall,2024,71799
local_authority,E10000031,Warwickshire,2024,129392
local_authority,E08000031,Wolverhampton,2024,68405
local_authority,E10000034,Worcestershire,2024,120119
local_authority,E06000055,Bedford,2024,44483
local_authority,E10000003,Cambridgeshire,2024,142924
local_authority,E06000056,Central Bedfordshire,2024,70074
local_authority,E10000012,Essex,2024,329197
local_authority,E10000015,Hertfordshire,2024,277480
local_authority,E06000032,Luton,2024,62280
local_authority,E10000020,Norfolk,2024,171830
local_authority,E06000031,Peterborough,2024,57621
local_authority,E06000033,Southend-on-Sea,2024,39611
local_authority,E10000029,Suffolk,2024,152255
local_authority,E06000034,Thurrock,2024,46271
local_authority,E06000036,Bracknell Forest,2024,29372
local_authority,E06000043,Brighton and Hove,2024,46612
local_authority,E06000060,Buckinghamshire,2024,130466
local_authority,E10000011,East Sussex,2024,104428
local_authority,E10000014,Hampshire,2024,288730
local_authority,E06000046,Isle of Wight,2024,23351
local_authority,E10000016,Kent,2024,355390
local_authority,E06000035,Medway,2024,68774
local_authority,E06000042,Milton Keynes,2024,74569
local_authority,E10000025,Oxfordshire,2024,156647
local_authority,E06000044,Portsmouth,2024,43056
local_authority,E06000038,Reading,2024,38963
local_authority,E06000039,Slough,2024,46686
local_authority,E06000045,Southampton,2024,50941
local_authority,E10000030,Surrey,2024,269339
local_authority,E06000037,West Berkshire,2024,35495
local_authority,E10000032,West Sussex,2024,181943
local_authority,E06000040,Windsor and Maidenhead,2024,34740
local_authority,E06000041,Wokingham,2024,44412
local_authority,E06000022,Bath and North East Somerset,2024,36601
local_authority,E06000058,"Bournemouth, Christchurch and Poole",2024,74810
local_authority,E06000023,"Bristol, City of",2024,92705
local_authority,E06000052,Cornwall,2024,105786
local_authority,E10000008,Devon,2024,148164
local_authority,E06000059,Dorset,2024,67149
local_authority,E10000013,Gloucestershire,2024,133163
local_authority,E06000053,Isles of Scilly,2024,319
local_authority,E06000024,North Somerset,2024,44360
local_authority,E06000026,Plymouth,2024,52113
local_authority,E06000066,Somerset,2024,113024
local_authority,E06000025,South Gloucestershire,2024,62794
local_authority,E06000030,Swindon,2024,54244
local_authority,E06000027,Torbay,2024,24811
local_authority,E06000054,Wiltshire,2024,104201
local_authority,E09000007,Camden,2024,35276
local_authority,E09000001,City of London,2024,847
local_authority,E09000012,Hackney,2024,54191
local_authority,E09000013,Hammersmith and Fulham,2024,31955
local_authority,E09000014,Haringey,2024,53648
local_authority,E09000019,Islington,2024,35624
local_authority,E09000020,Kensington and Chelsea,2024,22555
local_authority,E09000022,Lambeth,2024,51454
local_authority,E09000023,Lewisham,2024,62052
local_authority,E09000025,Newham,2024,84408
local_authority,E09000028,Southwark,2024,55626
local_authority,E09000030,Tower Hamlets,2024,63073
local_authority,E09000032,Wandsworth,2024,58730
local_authority,E09000033,Westminster,2024,29834
local_authority,E09000002,Barking and Dagenham,2024,66465
local_authority,E09000003,Barnet,2024,93851
local_authority,E09000004,Bexley,2024,58724
local_authority,E09000005,Brent,2024,75001
local_authority,E09000006,Bromley,2024,73457
local_authority,E09000008,Croydon,2024,93945
local_authority,E09000009,Ealing,2024,82360
local_authority,E09000010,Enfield,2024,80331
local_authority,E09000011,Greenwich,2024,65325
local_authority,E09000015,Harrow,2024,60452
local_authority,E09000016,Havering,2024,63777
local_authority,E09000017,Hillingdon,2024,75524
local_authority,E09000018,Hounslow,2024,67554
local_authority,E09000021,Kingston upon Thames,2024,37121
local_authority,E09000024,Merton,2024,47199
local_authority,E09000026,Redbridge,2024,78171
local_authority,E09000027,Richmond upon Thames,2024,44038
local_authority,E09000029,Sutton,2024,50854
local_authority,E09000031,Waltham Forest,2024,62664
national,E92000001,England,2023,12059476
region,E12000001,North East,2023,538121
region,E12000002,North West,2023,1607440
region,E12000003,Yorkshire and The Humber,2023,1169846
region,E12000004,East Midlands,2023,1020124
region,E12000005,West Midlands,2023,1330520
region,E12000006,East of England,2023,1374203
region,E12000007,London,2023,1911649
region,E12000008,South East,2023,2001043
region,E12000009,South West,2023,1106530
region,E13000001,Inner London,2023,645056
region,E13000002,Outer London,2023,1266593
local_authority,E06000047,County Durham,2023,99969
local_authority,E06000005,Darlington,2023,22522
local_authority,E08000037,Gateshead,2023,40052
local_authority,E06000001,Hartlepool,2023,20541
local_authority,E06000002,Middlesbrough,2023,35177
local_authority,E08000021,Newcastle upon Tyne,2023,60251
local_authority,E08000022,North Tyneside,2023,42315
local_authority,E06000057,Northumberland,2023,58941
local_authority,E06000003,Redcar and Cleveland,2023,27485
local_authority,E08000023,South Tyneside,2023,30290
local_authority,E06000004,Stockton-on-Tees,2023,44466
local_authority,E08000024,Sunderland,2023,56112
local_authority,E06000008,Blackburn with Darwen,2023,40766
local_authority,E06000009,Blackpool,2023,28630
local_authority,E08000001,Bolton,2023,74266
local_authority,E08000002,Bury,2023,44344
local_authority,E06000049,Cheshire East,2023,81832
local_authority,E06000050,Cheshire West and Chester,2023,71193
local_authority,E06000063,Cumberland,2023,52019
local_authority,E06000006,Halton,2023,27788
local_authority,E08000011,Knowsley,2023,35319
local_authority,E10000017,Lancashire,2023,257657
local_authority,E08000012,Liverpool,2023,96111
local_authority,E08000003,Manchester,2023,130700
local_authority,E08000004,Oldham,2023,63186
local_authority,E08000005,Rochdale,2023,56818
local_authority,E08000006,Salford,2023,62005
local_authority,E08000014,Sefton,2023,54154
local_authority,E08000013,St. Helens,2023,37296
local_authority,E08000007,Stockport,2023,64311
local_authority,E08000008,Tameside,2023,52288
local_authority,E08000009,Trafford,2023,56279
local_authority,E06000007,Warrington,2023,44458
local_authority,E06000064,Westmorland and Furness,2023,39177
local_authority,E08000010,Wigan,2023,70691
local_authority,E08000015,Wirral,2023,66152
local_authority,E08000016,Barnsley,2023,51150
local_authority,E08000032,Bradford,2023,141374
local_authority,E08000033,Calderdale,2023,45184
local_authority,E08000017,Doncaster,2023,66679
local_authority,E06000011,East Riding of Yorkshire,2023,62532
local_authority,E06000010,"Kingston upon Hull, City of",2023,61596
local_authority,E08000034,Kirklees,2023,99221
local_authority,E08000035,Leeds,2023,174311
local_authority,E06000012,North East Lincolnshire,2023,33331
local_authority,E06000013,North Lincolnshire,2023,34559
local_authority,E06000065,North Yorkshire,2023,114929
local_authority,E08000018,Rotherham,2023,58441
local_authority,E08000019,Sheffield,2023,115395
local_authority,E08000036,Wakefield,2023,76266
local_authority,E06000014,York,2023,34878
local_authority,E06000015,Derby,2023,60668
local_authority,E10000007,Derbyshire,2023,154974
local_authority,E06000016,Leicester,2023,89532
local_authority,E10000018,Leicestershire,2023,145610
local_authority,E10000019,Lincolnshire,2023,147618
local_authority,E06000061,North Northamptonshire,2023,81494
local_authority,E06000018,Nottingham,2023,67715
local_authority,E10000024,Nottinghamshire,2023,169377
local_authority,E06000017,Rutland,2023,8003
local_authority,E06000062,West Northamptonshire,2023,95133
local_authority,E08000025,Birmingham,2023,290047
local_authority,E08000026,Coventry,2023,80988
local_authority,E08000027,Dudley,2023,70105
local_authority,E06000019,"Herefordshire, County of",2023,34260
local_authority,E08000028,Sandwell,2023,87056
local_authority,E06000051,Shropshire,2023,59491
local_authority,E08000029,Solihull,2023,48752
local_authority,E10000028,Staffordshire,2023,173441
local_authority,E06000021,Stoke-on-Trent,2023,60632
local_authority,E06000020,Telford and Wrekin,2023,43242
local_authority,E08000030,Walsall,2023,70547
local_authority,E10000031,Warwickshire,2023,126202
local_authority,E08000031,Wolverhampton,2023,66095
local_authority,E10000034,Worcestershire,2023,119662
local_authority,E06000055,Bedford,2023,43431
local_authority,E10000003,Cambridgeshire,2023,140070
local_authority,E06000056,Central Bedfordshire,2023,68259
local_authority,E10000012,Essex,2023,324479
local_authority,E10000015,Hertfordshire,2023,275113
local_authority,E06000032,Luton,2023,60435
local_authority,E10000020,Norfolk,2023,170640
local_authority,E06000031,Peterborough,2023,56451
local_authority,E06000033,Southend-on-Sea,2023,38860
local_authority,E10000029,Suffolk,2023,150935
local_authority,E06000034,Thurrock,2023,45530
local_authority,E06000036,Bracknell Forest,2023,28886
local_authority,E06000043,Brighton and Hove,2023,46835
local_authority,E06000060,Buckinghamshire,2023,128126
local_authority,E10000011,East Sussex,2023,104092
local_authority,E10000014,Hampshire,2023,287030
local_authority,E06000046,Isle of Wight,2023,23477
local_authority,E10000016,Kent,2023,350198
local_authority,E06000035,Medway,2023,67048
local_authority,E06000042,Milton Keynes,2023,73164
local_authority,E10000025,Oxfordshire,2023,153988
local_authority,E06000044,Portsmouth,2023,42683
local_authority,E06000038,Reading,2023,38261
local_authority,E06000039,Slough,2023,45545
local_authority,E06000045,Southampton,2023,50594
local_authority,E10000030,Surrey,2023,267243
local_authority,E06000037,West Berkshire,2023,35612
local_authority,E10000032,West Sussex,2023,180203
local_authority,E06000040,Windsor and Maidenhead,2023,34462
local_authority,E06000041,Wokingham,2023,43596
local_authority,E06000022,Bath and North East Somerset,2023,36554
local_authority,E06000058,"Bournemouth, Christchurch and Poole",2023,74472
local_authority,E06000023,"Bristol, City of",2023,92178
local_authority,E06000052,Cornwall,2023,105833
local_authority,E10000008,Devon,2023,147790
local_authority,E06000059,Dorset,2023,66436
local_authority,E10000013,Gloucestershire,2023,130950
local_authority,E06000053,Isles of Scilly,2023,357
local_authority,E06000024,North Somerset,2023,43965
local_authority,E06000026,Plymouth,2023,52169
local_authority,E06000066,Somerset,2023,112324
local_authority,E06000025,South Gloucestershire,2023,61477
local_authority,E06000030,Swindon,2023,53326
local_authority,E06000027,Torbay,2023,24874
local_authority,E06000054,Wiltshire,2023,103825
local_authority,E09000007,Camden,2023,36040
local_authority,E09000001,City of London,2023,918
local_authority,E09000012,Hackney,2023,54690
local_authority,E09000013,Hammersmith and Fulham,2023,31920
local_authority,E09000014,Haringey,2023,53756
local_authority,E09000019,Islington,2023,36129
local_authority,E09000020,Kensington and Chelsea,2023,23037
local_authority,E09000022,Lambeth,2023,52580
local_authority,E09000023,Lewisham,2023,62600
local_authority,E09000025,Newham,2023,84596
local_authority,E09000028,Southwark,2023,56309
local_authority,E09000030,Tower Hamlets,2023,63462
local_authority,E09000032,Wandsworth,2023,58764
local_authority,E09000033,Westminster,2023,30255
local_authority,E09000002,Barking and Dagenham,2023,64907
local_authority,E09000003,Barnet,2023,92958
local_authority,E09000004,Bexley,2023,58025
local_authority,E09000005,Brent,2023,74382
local_authority,E09000006,Bromley,2023,73090
local_authority,E09000008,Croydon,2023,92327
local_authority,E09000009,Ealing,2023,81959
local_authority,E09000010,Enfield,2023,80839
local_authority,E09000011,Greenwich,2023,65472
local_authority,E09000015,Harrow,2023,59925
local_authority,E09000016,Havering,2023,61748
local_authority,E09000017,Hillingdon,2023,74488
local_authority,E09000018,Hounslow,2023,67540
local_authority,E09000021,Kingston upon Thames,2023,36769
local_authority,E09000024,Merton,2023,47349
local_authority,E09000026,Redbridge,2023,77436
local_authority,E09000027,Richmond upon Thames,2023,44215
local_authority,E09000029,Sutton,2023,50357
local_authority,E09000031,Waltham Forest,2023,62807
national,E92000001,England,2022,11901267
region,E12000001,North East,2022,531204
region,E12000002,North West,2022,1585260
region,E12000003,Yorkshire and The Humber,2022,1156699
region,E12000004,East Midlands,2022,1004258
region,E12000005,West Midlands,2022,1307725
region,E12000006,East of England,2022,1349088
region,E12000007,London,2022,1902276
region,E12000008,South East,2022,1968026
region,E12000009,South West,2022,1096731
region,E13000001,Inner London,2022,650258
region,E13000002,Outer London,2022,1252018
local_authority,E06000047,County Durham,2022,99455
local_authority,E06000005,Darlington,2022,22374
local_authority,E08000037,Gateshead,2022,39507
local_authority,E06000001,Hartlepool,2022,20164
local_authority,E06000002,Middlesbrough,2022,34384
local_authority,E08000021,Newcastle upon Tyne,2022,58489
local_authority,E08000022,North Tyneside,2022,42168
local_authority,E06000057,Northumberland,2022,58588
local_authority,E06000003,Redcar and Cleveland,2022,27239
local_authority,E08000023,South Tyneside,2022,29969
local_authority,E06000004,Stockton-on-Tees,2022,44008
local_authority,E08000024,Sunderland,2022,54859
local_authority,E06000008,Blackburn with Darwen,2022,40088
local_authority,E06000009,Blackpool,2022,28300
local_authority,E08000001,Bolton,2022,72655
local_authority,E08000002,Bury,2022,43930
local_authority,E06000049,Cheshire East,2022,80336
local_authority,E06000050,Cheshire West and Chester,2022,70396
local_authority,E10000006,Cumbria,2022,90547
local_authority,E06000006,Halton,2022,27703
local_authority,E08000011,Knowsley,2022,34820
local_authority,E10000017,Lancashire,2022,254199
local_authority,E08000012,Liverpool,2022,94049
local_authority,E08000003,Manchester,2022,129061
local_authority,E08000004,Oldham,2022,62585
local_authority,E08000005,Rochdale,2022,55767
local_authority,E08000006,Salford,2022,60698
local_authority,E08000014,Sefton,2022,53472
local_authority,E08000013,St. Helens,2022,36945
local_authority,E08000007,Stockport,2022,63554
local_authority,E08000008,Tameside,2022,51744
local_authority,E08000009,Trafford,2022,55659
local_authority,E06000007,Warrington,2022,43650
local_authority,E08000010,Wigan,2022,69385
local_authority,E08000015,Wirral,2022,65717
local_authority,E08000016,Barnsley,2022,50706
local_authority,E08000032,Bradford,2022,140342
local_authority,E08000033,Calderdale,2022,45129
local_authority,E08000017,Doncaster,2022,65165
local_authority,E06000011,East Riding of Yorkshire,2022,61905
local_authority,E06000010,"Kingston upon Hull, City of",2022,60190
local_authority,E08000034,Kirklees,2022,98447
local_authority,E08000035,Leeds,2022,172169
local_authority,E06000012,North East Lincolnshire,2022,33142
local_authority,E06000013,North Lincolnshire,2022,34448
local_authority,E10000023,North Yorkshire,2022,114700
local_authority,E08000018,Rotherham,2022,57205
local_authority,E08000019,Sheffield,2022,113795
local_authority,E08000036,Wakefield,2022,74766
local_authority,E06000014,York,2022,34590
local_authority,E06000015,Derby,2022,59376
local_authority,E10000007,Derbyshire,2022,153164
local_authority,E06000016,Leicester,2022,88106
local_authority,E10000018,Leicestershire,2022,143264
local_authority,E10000019,Lincolnshire,2022,145961
local_authority,E06000061,North Northamptonshire,2022,79966
local_authority,E06000018,Nottingham,2022,66706
local_authority,E10000024,Nottinghamshire,2022,166161
local_authority,E06000017,Rutland,2022,8045
local_authority,E06000062,West Northamptonshire,2022,93509
local_authority,E08000025,Birmingham,2022,287056
local_authority,E08000026,Coventry,2022,77950
local_authority,E08000027,Dudley,2022,69051
local_authority,E06000019,"Herefordshire, County of",2022,33977
local_authority,E08000028,Sandwell,2022,85920
local_authority,E06000051,Shropshire,2022,59090
local_authority,E08000029,Solihull,2022,47942
local_authority,E10000028,Staffordshire,2022,170630
local_authority,E06000021,Stoke-on-Trent,2022,59181
local_authority,E06000020,Telford and Wrekin,2022,42358
local_authority,E08000030,Walsall,2022,69157
local_authority,E10000031,Warwickshire,2022,122673
local_authority,E08000031,Wolverhampton,2022,63777
local_authority,E10000034,Worcestershire,2022,118963
local_authority,E06000055,Bedford,2022,42297
local_authority,E10000003,Cambridgeshire,2022,136924
local_authority,E06000056,Central Bedfordshire,2022,66012
local_authority,E10000012,Essex,2022,318238
local_authority,E10000015,Hertfordshire,2022,271049
local_authority,E06000032,Luton,2022,59436
local_authority,E10000020,Norfolk,2022,168794
local_authority,E06000031,Peterborough,2022,54870
local_authority,E06000033,Southend-on-Sea,2022,38186
local_authority,E10000029,Suffolk,2022,148478
local_authority,E06000034,Thurrock,2022,44804
local_authority,E06000036,Bracknell Forest,2022,28380
local_authority,E06000043,Brighton and Hove,2022,47233
local_authority,E06000060,Buckinghamshire,2022,126053
local_authority,E10000011,East Sussex,2022,102962
local_authority,E10000014,Hampshire,2022,283750
local_authority,E06000046,Isle of Wight,2022,23564
local_authority,E10000016,Kent,2022,343294
local_authority,E06000035,Medway,2022,65046
local_authority,E06000042,Milton Keynes,2022,71007
local_authority,E10000025,Oxfordshire,2022,149917
local_authority,E06000044,Portsmouth,2022,41948
local_authority,E06000038,Reading,2022,37342
local_authority,E06000039,Slough,2022,44344
local_authority,E06000045,Southampton,2022,49978
local_authority,E10000030,Surrey,2022,263933
local_authority,E06000037,West Berkshire,2022,34910
local_authority,E10000032,West Sussex,2022,177659
local_authority,E06000040,Windsor and Maidenhead,2022,34151
local_authority,E06000041,Wokingham,2022,42555
local_authority,E06000022,Bath and North East Somerset,2022,36209
local_authority,E06000058,"Bournemouth, Christchurch and Poole",2022,73925
local_authority,E06000023,"Bristol, City of",2022,91973
local_authority,E06000052,Cornwall,2022,105468
local_authority,E10000008,Devon,2022,146714
local_authority,E06000059,Dorset,2022,66267
local_authority,E10000013,Gloucestershire,2022,128958
local_authority,E06000053,Isles of Scilly,2022,354
local_authority,E06000024,North Somerset,2022,43363
local_authority,E06000026,Plymouth,2022,51852
local_authority,E10000027,Somerset,2022,110796
local_authority,E06000025,South Gloucestershire,2022,60273
local_authority,E06000030,Swindon,2022,52152
local_authority,E06000027,Torbay,2022,25053
local_authority,E06000054,Wiltshire,2022,103374
local_authority,E09000007,Camden,2022,36824
local_authority,E09000001,City of London,2022,985
local_authority,E09000012,Hackney,2022,55171
local_authority,E09000013,Hammersmith and Fulham,2022,32057
local_authority,E09000014,Haringey,2022,53950
local_authority,E09000019,Islington,2022,36428
local_authority,E09000020,Kensington and Chelsea,2022,23093
local_authority,E09000022,Lambeth,2022,53500
local_authority,E09000023,Lewisham,2022,63492
local_authority,E09000025,Newham,2022,84210
local_authority,E09000028,Southwark,2022,56620
local_authority,E09000030,Tower Hamlets,2022,64542
local_authority,E09000032,Wandsworth,2022,58887
local_authority,E09000033,Westminster,2022,30499
local_authority,E09000002,Barking and Dagenham,2022,63940
local_authority,E09000003,Barnet,2022,91011
local_authority,E09000004,Bexley,2022,57082
local_authority,E09000005,Brent,2022,73504
local_authority,E09000006,Bromley,2022,72568
local_authority,E09000008,Croydon,2022,90575
local_authority,E09000009,Ealing,2022,80716
local_authority,E09000010,Enfield,2022,81064
local_authority,E09000011,Greenwich,2022,65678
local_authority,E09000015,Harrow,2022,59101
local_authority,E09000016,Havering,2022,60051
local_authority,E09000017,Hillingdon,2022,72945
local_authority,E09000018,Hounslow,2022,66509
local_authority,E09000021,Kingston upon Thames,2022,36760
local_authority,E09000024,Merton,2022,47362
local_authority,E09000026,Redbridge,2022,76970
local_authority,E09000027,Richmond upon Thames,2022,44137
local_authority,E09000029,Sutton,2022,49654
local_authority,E09000031,Waltham Forest,2022,62391
national,E92000001,England,2021,11762878
region,E12000001,North East,2021,524968
region,E12000002,North West,2021,1562105
region,E12000003,Yorkshire and The Humber,2021,1146610
region,E12000004,East Midlands,2021,990308
region,E12000005,West Midlands,2021,1291956
region,E12000006,East of England,2021,1330477
region,E12000007,London,2021,1894099
region,E12000008,South East,2021,1935696
region,E12000009,South West,2021,1086659
region,E13000001,Inner London,2021,652926
region,E13000002,Outer London,2021,1241173
local_authority,E06000047,County Durham,2021,98961
local_authority,E06000005,Darlington,2021,22243
local_authority,E08000037,Gateshead,2021,38508
local_authority,E06000001,Hartlepool,2021,19864
local_authority,E06000002,Middlesbrough,2021,33480
local_authority,E08000021,Newcastle upon Tyne,2021,57589
local_authority,E08000022,North Tyneside,2021,41826
local_authority,E06000057,Northumberland,2021,58401
local_authority,E06000003,Redcar and Cleveland,2021,27176
local_authority,E08000023,South Tyneside,2021,29693
local_authority,E06000004,Stockton-on-Tees,2021,43175
local_authority,E08000024,Sunderland,2021,54052
local_authority,E06000008,Blackburn with Darwen,2021,39751
local_authority,E06000009,Blackpool,2021,27819
local_authority,E08000001,Bolton,2021,71411
local_authority,E08000002,Bury,2021,43767
local_authority,E06000049,Cheshire East,2021,78381
local_authority,E06000050,Cheshire West and Chester,2021,69410
local_authority,E10000006,Cumbria,2021,90326
local_authority,E06000006,Halton,2021,27523
local_authority,E08000011,Knowsley,2021,33841
local_authority,E10000017,Lancashire,2021,250615
local_authority,E08000012,Liverpool,2021,92802
local_authority,E08000003,Manchester,2021,126774
local_authority,E08000004,Oldham,2021,61744
local_authority,E08000005,Rochdale,2021,54671
local_authority,E08000006,Salford,2021,58676
local_authority,E08000014,Sefton,2021,52996
local_authority,E08000013,St. Helens,2021,36676
local_authority,E08000007,Stockport,2021,62507
local_authority,E08000008,Tameside,2021,51138
local_authority,E08000009,Trafford,2021,54741
local_authority,E06000007,Warrington,2021,43034
local_authority,E08000010,Wigan,2021,68033
local_authority,E08000015,Wirral,2021,65469
local_authority,E08000016,Barnsley,2021,50093
local_authority,E08000032,Bradford,2021,140486
local_authority,E08000033,Calderdale,2021,45035
local_authority,E08000017,Doncaster,2021,64097
local_authority,E06000011,East Riding of Yorkshire,2021,61481
local_authority,E06000010,"Kingston upon Hull, City of",2021,59054
local_authority,E08000034,Kirklees,2021,97775
local_authority,E08000035,Leeds,2021,170639
local_authority,E06000012,North East Lincolnshire,2021,33020
local_authority,E06000013,North Lincolnshire,2021,34073
local_authority,E10000023,North Yorkshire,2021,113710
local_authority,E08000018,Rotherham,2021,56349
local_authority,E08000019,Sheffield,2021,112422
local_authority,E08000036,Wakefield,2021,73684
local_authority,E06000014,York,2021,34692
local_authority,E06000015,Derby,2021,58612
local_authority,E10000007,Derbyshire,2021,151515
local_authority,E06000016,Leicester,2021,86803
local_authority,E10000018,Leicestershire,2021,140691
local_authority,E10000019,Lincolnshire,2021,144168
local_authority,E06000061,North Northamptonshire,2021,79186
local_authority,E06000018,Nottingham,2021,65985
local_authority,E10000024,Nottinghamshire,2021,163312
local_authority,E06000017,Rutland,2021,7986
local_authority,E06000062,West Northamptonshire,2021,92050
local_authority,E08000025,Birmingham,2021,286496
local_authority,E08000026,Coventry,2021,76520
local_authority,E08000027,Dudley,2021,68457
local_authority,E06000019,"Herefordshire, County of",2021,33784
local_authority,E08000028,Sandwell,2021,84907
local_authority,E06000051,Shropshire,2021,58395
local_authority,E08000029,Solihull,2021,46924
local_authority,E10000028,Staffordshire,2021,168962
local_authority,E06000021,Stoke-on-Trent,2021,58386
local_authority,E06000020,Telford and Wrekin,2021,41423
local_authority,E08000030,Walsall,2021,68285
local_authority,E10000031,Warwickshire,2021,119601
local_authority,E08000031,Wolverhampton,2021,62006
local_authority,E10000034,Worcestershire,2021,117810
local_authority,E06000055,Bedford,2021,41502
local_authority,E10000003,Cambridgeshire,2021,133770
local_authority,E06000056,Central Bedfordshire,2021,64122
local_authority,E10000012,Essex,2021,313609
local_authority,E10000015,Hertfordshire,2021,268378
local_authority,E06000032,Luton,2021,58778
local_authority,E10000020,Norfolk,2021,167400
local_authority,E06000031,Peterborough,2021,53745
local_authority,E06000033,Southend-on-Sea,2021,38025
local_authority,E10000029,Suffolk,2021,147057
local_authority,E06000034,Thurrock,2021,44091
local_authority,E06000036,Bracknell Forest,2021,27823
local_authority,E06000043,Brighton and Hove,2021,47125
local_authority,E06000060,Buckinghamshire,2021,123510
local_authority,E10000011,East Sussex,2021,101959
local_authority,E10000014,Hampshire,2021,280929
local_authority,E06000046,Isle of Wight,2021,23636
local_authority,E10000016,Kent,2021,336091
local_authority,E06000035,Medway,2021,63817
local_authority,E06000042,Milton Keynes,2021,69635
local_authority,E10000025,Oxfordshire,2021,146343
local_authority,E06000044,Portsmouth,2021,41447
local_authority,E06000038,Reading,2021,36334
local_authority,E06000039,Slough,2021,43737
local_authority,E06000045,Southampton,2021,49388
local_authority,E10000030,Surrey,2021,259488
local_authority,E06000037,West Berkshire,2021,34595
local_authority,E10000032,West Sussex,2021,174834
local_authority,E06000040,Windsor and Maidenhead,2021,33876
local_authority,E06000041,Wokingham,2021,41129
local_authority,E06000022,Bath and North East Somerset,2021,35713
local_authority,E06000058,"Bournemouth, Christchurch and Poole",2021,73300
local_authority,E06000023,"Bristol, City of",2021,91641
local_authority,E06000052,Cornwall,2021,104846
local_authority,E10000008,Devon,2021,144931
local_authority,E06000059,Dorset,2021,65983
local_authority,E10000013,Gloucestershire,2021,127119
local_authority,E06000053,Isles of Scilly,2021,343
local_authority,E06000024,North Somerset,2021,42838
local_authority,E06000026,Plymouth,2021,51629
local_authority,E10000027,Somerset,2021,109389
local_authority,E06000025,South Gloucestershire,2021,59240
local_authority,E06000030,Swindon,2021,51418
local_authority,E06000027,Torbay,2021,25182
local_authority,E06000054,Wiltshire,2021,103087
local_authority,E09000007,Camden,2021,36574
local_authority,E09000001,City of London,2021,654
local_authority,E09000012,Hackney,2021,55760
local_authority,E09000013,Hammersmith and Fulham,2021,31820
local_authority,E09000014,Haringey,2021,54366
local_authority,E09000019,Islington,2021,36604
local_authority,E09000020,Kensington and Chelsea,2021,22879
local_authority,E09000022,Lambeth,2021,54325
local_authority,E09000023,Lewisham,2021,64443
local_authority,E09000025,Newham,2021,83860
local_authority,E09000028,Southwark,2021,57270
local_authority,E09000030,Tower Hamlets,2021,64373
local_authority,E09000032,Wandsworth,2021,59391
local_authority,E09000033,Westminster,2021,30607
local_authority,E09000002,Barking and Dagenham,2021,63375
local_authority,E09000003,Barnet,2021,89160
local_authority,E09000004,Bexley,2021,56537
local_authority,E09000005,Brent,2021,73031
local_authority,E09000006,Bromley,2021,72490
local_authority,E09000008,Croydon,2021,90014
local_authority,E09000009,Ealing,2021,80133
local_authority,E09000010,Enfield,2021,81789
local_authority,E09000011,Greenwich,2021,65697
local_authority,E09000015,Harrow,2021,58105
local_authority,E09000016,Havering,2021,58546
local_authority,E09000017,Hillingdon,2021,71143
local_authority,E09000018,Hounslow,2021,66046
local_authority,E09000021,Kingston upon Thames,2021,36435
local_authority,E09000024,Merton,2021,46986
local_authority,E09000026,Redbridge,2021,76341
local_authority,E09000027,Richmond upon Thames,2021,43785
local_authority,E09000029,Sutton,2021,48979
local_authority,E09000031,Waltham Forest,2021,62581
national,E92000001,England,2020,11787794
region,E12000001,North East,2020,525270
region,E12000002,North West,2020,1560526
region,E12000003,Yorkshire and The Humber,2020,1148820
region,E12000004,East Midlands,2020,990062
region,E12000005,West Midlands,2020,1292667
region,E12000006,East of England,2020,1326449
region,E12000007,London,2020,1926950
region,E12000008,South East,2020,1930731
region,E12000009,South West,2020,1086319
region,E13000001,Inner London,2020,669400
region,E13000002,Outer London,2020,1257550
local_authority,E06000047,County Durham,2020,99208
local_authority,E06000005,Darlington,2020,22235
local_authority,E08000037,Gateshead,2020,38564
local_authority,E06000001,Hartlepool,2020,19826
local_authority,E06000002,Middlesbrough,2020,33231
local_authority,E08000021,Newcastle upon Tyne,2020,57705
local_authority,E08000022,North Tyneside,2020,41909
local_authority,E06000057,Northumberland,2020,58277
local_authority,E06000003,Redcar and Cleveland,2020,27370
local_authority,E08000023,South Tyneside,2020,29548
local_authority,E06000004,Stockton-on-Tees,2020,43310
local_authority,E08000024,Sunderland,2020,54087
local_authority,E06000008,Blackburn with Darwen,2020,39847
local_authority,E06000009,Blackpool,2020,28278
local_authority,E08000001,Bolton,2020,71389
local_authority,E08000002,Bury,2020,43937
local_authority,E06000049,Cheshire East,2020,77292
local_authority,E06000050,Cheshire West and Chester,2020,69191
local_authority,E10000006,Cumbria,2020,90372
local_authority,E06000006,Halton,2020,27662
local_authority,E08000011,Knowsley,2020,33630
local_authority,E10000017,Lancashire,2020,249415
local_authority,E08000012,Liverpool,2020,93149
local_authority,E08000003,Manchester,2020,127274
local_authority,E08000004,Oldham,2020,61801
local_authority,E08000005,Rochdale,2020,54283
local_authority,E08000006,Salford,2020,57933
local_authority,E08000014,Sefton,2020,52920
local_authority,E08000013,St. Helens,2020,36639
local_authority,E08000007,Stockport,2020,62227
local_authority,E08000008,Tameside,2020,51119
local_authority,E08000009,Trafford,2020,55073
local_authority,E06000007,Warrington,2020,43406
local_authority,E08000010,Wigan,2020,67915
local_authority,E08000015,Wirral,2020,65774
local_authority,E08000016,Barnsley,2020,49960
local_authority,E08000032,Bradford,2020,141947
local_authority,E08000033,Calderdale,2020,45237
local_authority,E08000017,Doncaster,2020,64165
local_authority,E06000011,East Riding of Yorkshire,2020,61248
local_authority,E06000010,"Kingston upon Hull, City of",2020,59130
local_authority,E08000034,Kirklees,2020,98056
local_authority,E08000035,Leeds,2020,170292
local_authority,E06000012,North East Lincolnshire,2020,33205
local_authority,E06000013,North Lincolnshire,2020,34241
local_authority,E10000023,North Yorkshire,2020,113716
local_authority,E08000018,Rotherham,2020,56555
local_authority,E08000019,Sheffield,2020,112850
local_authority,E08000036,Wakefield,2020,73152
local_authority,E06000014,York,2020,35066
local_authority,E06000015,Derby,2020,59044
local_authority,E10000007,Derbyshire,2020,151111
local_authority,E06000016,Leicester,2020,87978
local_authority,E10000018,Leicestershire,2020,139893
local_authority,E10000019,Lincolnshire,2020,143872
local_authority,E10000021,Northamptonshire,2020,170287
local_authority,E06000018,Nottingham,2020,66943
local_authority,E10000024,Nottinghamshire,2020,162873
local_authority,E06000017,Rutland,2020,8061
local_authority,E08000025,Birmingham,2020,290376
local_authority,E08000026,Coventry,2020,76721
local_authority,E08000027,Dudley,2020,68385
local_authority,E06000019,"Herefordshire, County of",2020,33909
local_authority,E08000028,Sandwell,2020,85255
local_authority,E06000051,Shropshire,2020,58667
local_authority,E08000029,Solihull,2020,46830
local_authority,E10000028,Staffordshire,2020,167502
local_authority,E06000021,Stoke-on-Trent,2020,58610
local_authority,E06000020,Telford and Wrekin,2020,40978
local_authority,E08000030,Walsall,2020,68470
local_authority,E10000031,Warwickshire,2020,117914
local_authority,E08000031,Wolverhampton,2020,61524
local_authority,E10000034,Worcestershire,2020,117526
local_authority,E06000055,Bedford,2020,40914
local_authority,E10000003,Cambridgeshire,2020,132989
local_authority,E06000056,Central Bedfordshire,2020,62923
local_authority,E10000012,Essex,2020,311057
local_authority,E10000015,Hertfordshire,2020,268934
local_authority,E06000032,Luton,2020,58972
local_authority,E10000020,Norfolk,2020,167414
local_authority,E06000031,Peterborough,2020,53101
local_authority,E06000033,Southend-on-Sea,2020,38285
local_authority,E10000029,Suffolk,2020,147685
local_authority,E06000034,Thurrock,2020,44175
local_authority,E06000036,Bracknell Forest,2020,27594
local_authority,E06000043,Brighton and Hove,2020,47964
local_authority,E06000060,Buckinghamshire,2020,122495
local_authority,E10000011,East Sussex,2020,102419
local_authority,E10000014,Hampshire,2020,279476
local_authority,E06000046,Isle of Wight,2020,23892
local_authority,E10000016,Kent,2020,334424
local_authority,E06000035,Medway,2020,63695
local_authority,E06000042,Milton Keynes,2020,69305
local_authority,E10000025,Oxfordshire,2020,145219
local_authority,E06000044,Portsmouth,2020,41865
local_authority,E06000038,Reading,2020,36971
local_authority,E06000039,Slough,2020,43900
local_authority,E06000045,Southampton,2020,49737
local_authority,E10000030,Surrey,2020,258519
local_authority,E06000037,West Berkshire,2020,34824
local_authority,E10000032,West Sussex,2020,173873
local_authority,E06000040,Windsor and Maidenhead,2020,34083
local_authority,E06000041,Wokingham,2020,40476
local_authority,E06000022,Bath and North East Somerset,2020,35608
local_authority,E06000058,"Bournemouth, Christchurch and Poole",2020,73053
local_authority,E06000023,"Bristol, City of",2020,92975
local_authority,E06000052,Cornwall,2020,104329
local_authority,E10000008,Devon,2020,144057
local_authority,E06000059,Dorset,2020,66203
local_authority,E10000013,Gloucestershire,2020,127161
local_authority,E06000053,Isles of Scilly,2020,306
local_authority,E06000024,North Somerset,2020,42858
local_authority,E06000026,Plymouth,2020,52040
local_authority,E10000027,Somerset,2020,109220
local_authority,E06000025,South Gloucestershire,2020,58766
local_authority,E06000030,Swindon,2020,51300
local_authority,E06000027,Torbay,2020,25404
local_authority,E06000054,Wiltshire,2020,103039
local_authority,E09000007,Camden,2020,37762
local_authority,E09000001,City of London,2020,654
local_authority,E09000012,Hackney,2020,57781
local_authority,E09000013,Hammersmith and Fulham,2020,32513
local_authority,E09000014,Haringey,2020,55858
local_authority,E09000019,Islington,2020,37245
local_authority,E09000020,Kensington and Chelsea,2020,23802
local_authority,E09000022,Lambeth,2020,56750
local_authority,E09000023,Lewisham,2020,65999
local_authority,E09000025,Newham,2020,84987
local_authority,E09000028,Southwark,2020,59588
local_authority,E09000030,Tower Hamlets,2020,64243
local_authority,E09000032,Wandsworth,2020,60367
local_authority,E09000033,Westminster,2020,31851
local_authority,E09000002,Barking and Dagenham,2020,64112
local_authority,E09000003,Barnet,2020,89674
local_authority,E09000004,Bexley,2020,56772
local_authority,E09000005,Brent,2020,75204
local_authority,E09000006,Bromley,2020,73175
local_authority,E09000008,Croydon,2020,91273
local_authority,E09000009,Ealing,2020,81735
local_authority,E09000010,Enfield,2020,83717
local_authority,E09000011,Greenwich,2020,66706
local_authority,E09000015,Harrow,2020,59032
local_authority,E09000016,Havering,2020,58296
local_authority,E09000017,Hillingdon,2020,71978
local_authority,E09000018,Hounslow,2020,66981
local_authority,E09000021,Kingston upon Thames,2020,36840
local_authority,E09000024,Merton,2020,47502
local_authority,E09000026,Redbridge,2020,77070
local_authority,E09000027,Richmond upon Thames,2020,44624
local_authority,E09000029,Sutton,2020,49120
local_authority,E09000031,Waltham Forest,2020,63739
national,E92000001,England,2019,11790492
region,E12000001,North East,2019,525254
region,E12000002,North West,2019,1557257
region,E12000003,Yorkshire and The Humber,2019,1149931
region,E12000004,East Midlands,2019,989843
region,E12000005,West Midlands,2019,1291313
region,E12000006,East of England,2019,1323805
region,E12000007,London,2019,1937275
region,E12000008,South East,2019,1927713
region,E12000009,South West,2019,1088101
region,E13000001,Inner London,2019,677893
region,E13000002,Outer London,2019,1259382
local_authority,E06000047,County Durham,2019,99092
local_authority,E06000005,Darlington,2019,22237
local_authority,E08000037,Gateshead,2019,38715
local_authority,E06000001,Hartlepool,2019,19927
local_authority,E06000002,Middlesbrough,2019,32877
local_authority,E08000021,Newcastle upon Tyne,2019,57393
local_authority,E08000022,North Tyneside,2019,41798
local_authority,E06000057,Northumberland,2019,58660
local_authority,E06000003,Redcar and Cleveland,2019,27453
local_authority,E08000023,South Tyneside,2019,29592
local_authority,E06000004,Stockton-on-Tees,2019,43346
local_authority,E08000024,Sunderland,2019,54164
local_authority,E06000008,Blackburn with Darwen,2019,39960
local_authority,E06000009,Blackpool,2019,28600
local_authority,E08000001,Bolton,2019,70948
local_authority,E08000002,Bury,2019,44103
local_authority,E06000049,Cheshire East,2019,76769
local_authority,E06000050,Cheshire West and Chester,2019,69022
local_authority,E10000006,Cumbria,2019,90854
local_authority,E06000006,Halton,2019,27856
local_authority,E08000011,Knowsley,2019,33101
local_authority,E10000017,Lancashire,2019,248294
local_authority,E08000012,Liverpool,2019,93010
local_authority,E08000003,Manchester,2019,126375
local_authority,E08000004,Oldham,2019,61902
local_authority,E08000005,Rochdale,2019,53792
local_authority,E08000006,Salford,2019,57103
local_authority,E08000014,Sefton,2019,53065
local_authority,E08000013,St. Helens,2019,36718
local_authority,E08000007,Stockport,2019,62052
local_authority,E08000008,Tameside,2019,50963
local_authority,E08000009,Trafford,2019,55126
local_authority,E06000007,Warrington,2019,43817
local_authority,E08000010,Wigan,2019,67678
local_authority,E08000015,Wirral,2019,66149
local_authority,E08000016,Barnsley,2019,49679
local_authority,E08000032,Bradford,2019,142439
local_authority,E08000033,Calderdale,2019,45557
local_authority,E08000017,Doncaster,2019,64311
local_authority,E06000011,East Riding of Yorkshire,2019,61398
local_authority,E06000010,"Kingston upon Hull, City of",2019,58835
local_authority,E08000034,Kirklees,2019,98475
local_authority,E08000035,Leeds,2019,169465
local_authority,E06000012,North East Lincolnshire,2019,33474
local_authority,E06000013,North Lincolnshire,2019,34441
local_authority,E10000023,North Yorkshire,2019,114328
local_authority,E08000018,Rotherham,2019,56887
local_authority,E08000019,Sheffield,2019,112853
local_authority,E08000036,Wakefield,2019,72456
local_authority,E06000014,York,2019,35333
local_authority,E06000015,Derby,2019,59223
local_authority,E10000007,Derbyshire,2019,151424
local_authority,E06000016,Leicester,2019,87991
local_authority,E10000018,Leicestershire,2019,139012
local_authority,E10000019,Lincolnshire,2019,144002
local_authority,E10000021,Northamptonshire,2019,170089
local_authority,E06000018,Nottingham,2019,67083
local_authority,E10000024,Nottinghamshire,2019,162894
local_authority,E06000017,Rutland,2019,8125
local_authority,E08000025,Birmingham,2019,291715
local_authority,E08000026,Coventry,2019,76447
local_authority,E08000027,Dudley,2019,68473
local_authority,E06000019,"Herefordshire, County of",2019,34236
local_authority,E08000028,Sandwell,2019,84741
local_authority,E06000051,Shropshire,2019,58804
local_authority,E08000029,Solihull,2019,46706
local_authority,E10000028,Staffordshire,2019,167030
local_authority,E06000021,Stoke-on-Trent,2019,58238
local_authority,E06000020,Telford and Wrekin,2019,40592
local_authority,E08000030,Walsall,2019,68488
local_authority,E10000031,Warwickshire,2019,117025
local_authority,E08000031,Wolverhampton,2019,61173
local_authority,E10000034,Worcestershire,2019,117645
local_authority,E06000055,Bedford,2019,40708
local_authority,E10000003,Cambridgeshire,2019,132820
local_authority,E06000056,Central Bedfordshire,2019,61824
local_authority,E10000012,Essex,2019,309474
local_authority,E10000015,Hertfordshire,2019,268144
local_authority,E06000032,Luton,2019,58540
local_authority,E10000020,Norfolk,2019,168003
local_authority,E06000031,Peterborough,2019,52785
local_authority,E06000033,Southend-on-Sea,2019,38455
local_authority,E10000029,Suffolk,2019,149334
local_authority,E06000034,Thurrock,2019,43718
local_authority,E06000036,Bracknell Forest,2019,27298
local_authority,E06000043,Brighton and Hove,2019,48402
local_authority,E10000002,Buckinghamshire,2019,122137
local_authority,E10000011,East Sussex,2019,102921
local_authority,E10000014,Hampshire,2019,279340
local_authority,E06000046,Isle of Wight,2019,24301
local_authority,E10000016,Kent,2019,333343
local_authority,E06000035,Medway,2019,63672
local_authority,E06000042,Milton Keynes,2019,69037
local_authority,E10000025,Oxfordshire,2019,144429
local_authority,E06000044,Portsmouth,2019,42033
local_authority,E06000038,Reading,2019,37030
local_authority,E06000039,Slough,2019,43479
local_authority,E06000045,Southampton,2019,49588
local_authority,E10000030,Surrey,2019,258045
local_authority,E06000037,West Berkshire,2019,35061
local_authority,E10000032,West Sussex,2019,173551
local_authority,E06000040,Windsor and Maidenhead,2019,34274
local_authority,E06000041,Wokingham,2019,39772
local_authority,E06000022,Bath and North East Somerset,2019,35669
local_authority,E06000058,"Bournemouth, Christchurch and Poole",2019,72905
local_authority,E06000023,"Bristol, City of",2019,93281
local_authority,E06000052,Cornwall,2019,104814
local_authority,E10000008,Devon,2019,144356
local_authority,E06000059,Dorset,2019,66931
local_authority,E10000013,Gloucestershire,2019,127169
local_authority,E06000053,Isles of Scilly,2019,308
local_authority,E06000024,North Somerset,2019,42901
local_authority,E06000026,Plymouth,2019,51894
local_authority,E10000027,Somerset,2019,109616
local_authority,E06000025,South Gloucestershire,2019,58251
local_authority,E06000030,Swindon,2019,51012
local_authority,E06000027,Torbay,2019,25614
local_authority,E06000054,Wiltshire,2019,103380
local_authority,E09000007,Camden,2019,38566
local_authority,E09000001,City of London,2019,699
local_authority,E09000012,Hackney,2019,58844
local_authority,E09000013,Hammersmith and Fulham,2019,33009
local_authority,E09000014,Haringey,2019,57133
local_authority,E09000019,Islington,2019,37427
local_authority,E09000020,Kensington and Chelsea,2019,24304
local_authority,E09000022,Lambeth,2019,57988
local_authority,E09000023,Lewisham,2019,66911
local_authority,E09000025,Newham,2019,85270
local_authority,E09000028,Southwark,2019,60199
local_authority,E09000030,Tower Hamlets,2019,64100
local_authority,E09000032,Wandsworth,2019,60737
local_authority,E09000033,Westminster,2019,32706
local_authority,E09000002,Barking and Dagenham,2019,63925
local_authority,E09000003,Barnet,2019,89587
local_authority,E09000004,Bexley,2019,56751
local_authority,E09000005,Brent,2019,76041
local_authority,E09000006,Bromley,2019,73165
local_authority,E09000008,Croydon,2019,91658
local_authority,E09000009,Ealing,2019,82302
local_authority,E09000010,Enfield,2019,84118
local_authority,E09000011,Greenwich,2019,66812
local_authority,E09000015,Harrow,2019,59158
local_authority,E09000016,Havering,2019,57816
local_authority,E09000017,Hillingdon,2019,72159
local_authority,E09000018,Hounslow,2019,66841
local_authority,E09000021,Kingston upon Thames,2019,36840
local_authority,E09000024,Merton,2019,47569
local_authority,E09000026,Redbridge,2019,77066
local_authority,E09000027,Richmond upon Thames,2019,44945
local_authority,E09000029,Sutton,2019,48334
local_authority,E09000031,Waltham Forest,2019,64295
national,E92000001,England,2018,11755593
region,E12000001,North East,2018,523724
region,E12000002,North West,2018,1548446
region,E12000003,Yorkshire and The Humber,2018,1148330
region,E12000004,East Midlands,2018,986230
region,E12000005,West Midlands,2018,1286252
region,E12000006,East of England,2018,1318273
region,E12000007,London,2018,1936359
region,E12000008,South East,2018,1922733
region,E12000009,South West,2018,1085246
region,E13000001,Inner London,2018,681741
region,E13000002,Outer London,2018,1254618
local_authority,E06000047,County Durham,2018,98914
local_authority,E06000005,Darlington,2018,22250
local_authority,E08000037,Gateshead,2018,39004
local_authority,E06000001,Hartlepool,2018,19923
local_authority,E06000002,Middlesbrough,2018,32539
local_authority,E08000021,Newcastle upon Tyne,2018,56802
local_authority,E08000022,North Tyneside,2018,41344
local_authority,E06000057,Northumberland,2018,58658
local_authority,E06000003,Redcar and Cleveland,2018,27478
local_authority,E08000023,South Tyneside,2018,29431
local_authority,E06000004,Stockton-on-Tees,2018,43320
local_authority,E08000024,Sunderland,2018,54061
local_authority,E06000008,Blackburn with Darwen,2018,39648
local_authority,E06000009,Blackpool,2018,28402
local_authority,E08000001,Bolton,2018,69962
local_authority,E08000002,Bury,2018,43854
local_authority,E06000049,Cheshire East,2018,76255
local_authority,E06000050,Cheshire West and Chester,2018,68560
local_authority,E10000006,Cumbria,2018,91236
local_authority,E06000006,Halton,2018,27936
local_authority,E08000011,Knowsley,2018,32884
local_authority,E10000017,Lancashire,2018,247443
local_authority,E08000012,Liverpool,2018,92095
local_authority,E08000003,Manchester,2018,124362
local_authority,E08000004,Oldham,2018,61442
local_authority,E08000005,Rochdale,2018,53174
local_authority,E08000006,Salford,2018,56328
local_authority,E08000014,Sefton,2018,53012
local_authority,E08000013,St. Helens,2018,36726
local_authority,E08000007,Stockport,2018,61859
local_authority,E08000008,Tameside,2018,50549
local_authority,E08000009,Trafford,2018,54942
local_authority,E06000007,Warrington,2018,44037
local_authority,E08000010,Wigan,2018,67295
local_authority,E08000015,Wirral,2018,66445
local_authority,E08000016,Barnsley,2018,49555
local_authority,E08000032,Bradford,2018,142048
local_authority,E08000033,Calderdale,2018,45508
local_authority,E08000017,Doncaster,2018,64481
local_authority,E06000011,East Riding of Yorkshire,2018,61717
local_authority,E06000010,"Kingston upon Hull, City of",2018,58260
local_authority,E08000034,Kirklees,2018,98869
local_authority,E08000035,Leeds,2018,167673
local_authority,E06000012,North East Lincolnshire,2018,33725
local_authority,E06000013,North Lincolnshire,2018,34707
local_authority,E10000023,North Yorkshire,2018,114922
local_authority,E08000018,Rotherham,2018,56735
local_authority,E08000019,Sheffield,2018,112897
local_authority,E08000036,Wakefield,2018,71902
local_authority,E06000014,York,2018,35331
local_authority,E06000015,Derby,2018,59234
local_authority,E10000007,Derbyshire,2018,151120
local_authority,E06000016,Leicester,2018,87140
local_authority,E10000018,Leicestershire,2018,138152
local_authority,E10000019,Lincolnshire,2018,144010
local_authority,E10000021,Northamptonshire,2018,169274
local_authority,E06000018,Nottingham,2018,66593
local_authority,E10000024,Nottinghamshire,2018,162567
local_authority,E06000017,Rutland,2018,8140
local_authority,E08000025,Birmingham,2018,291928
local_authority,E08000026,Coventry,2018,76037
local_authority,E08000027,Dudley,2018,68322
local_authority,E06000019,"Herefordshire, County of",2018,34534
local_authority,E08000028,Sandwell,2018,83977
local_authority,E06000051,Shropshire,2018,58931
local_authority,E08000029,Solihull,2018,46270
local_authority,E10000028,Staffordshire,2018,166976
local_authority,E06000021,Stoke-on-Trent,2018,57901
local_authority,E06000020,Telford and Wrekin,2018,40235
local_authority,E08000030,Walsall,2018,67833
local_authority,E10000031,Warwickshire,2018,115696
local_authority,E08000031,Wolverhampton,2018,60566
local_authority,E10000034,Worcestershire,2018,117046
local_authority,E06000055,Bedford,2018,40253
local_authority,E10000003,Cambridgeshire,2018,132668
local_authority,E06000056,Central Bedfordshire,2018,61026
local_authority,E10000012,Essex,2018,307574
local_authority,E10000015,Hertfordshire,2018,267594
local_authority,E06000032,Luton,2018,58254
local_authority,E10000020,Norfolk,2018,167618
local_authority,E06000031,Peterborough,2018,52242
local_authority,E06000033,Southend-on-Sea,2018,38542
local_authority,E10000029,Suffolk,2018,149401
local_authority,E06000034,Thurrock,2018,43101
local_authority,E06000036,Bracknell Forest,2018,27363
local_authority,E06000043,Brighton and Hove,2018,49376
local_authority,E10000002,Buckinghamshire,2018,121452
local_authority,E10000011,East Sussex,2018,103401
local_authority,E10000014,Hampshire,2018,279687
local_authority,E06000046,Isle of Wight,2018,24502
local_authority,E10000016,Kent,2018,331385
local_authority,E06000035,Medway,2018,63189
local_authority,E06000042,Milton Keynes,2018,68540
local_authority,E10000025,Oxfordshire,2018,143398
local_authority,E06000044,Portsmouth,2018,42439
local_authority,E06000038,Reading,2018,37189
local_authority,E06000039,Slough,2018,42969
local_authority,E06000045,Southampton,2018,49331
local_authority,E10000030,Surrey,2018,257259
local_authority,E06000037,West Berkshire,2018,35238
local_authority,E10000032,West Sussex,2018,172844
local_authority,E06000040,Windsor and Maidenhead,2018,34185
local_authority,E06000041,Wokingham,2018,38986
local_authority,E06000022,Bath and North East Somerset,2018,35423
local_authority,E06000028,Bournemouth,2018,x
local_authority,E06000023,"Bristol, City of",2018,93050
local_authority,E06000052,Cornwall,2018,104445
local_authority,E10000008,Devon,2018,143770
local_authority,E10000009,Dorset,2018,x
local_authority,E10000013,Gloucestershire,2018,126770
local_authority,E06000053,Isles of Scilly,2018,340
local_authority,E06000024,North Somerset,2018,42750
local_authority,E06000026,Plymouth,2018,51535
local_authority,E06000029,Poole,2018,x
local_authority,E10000027,Somerset,2018,109613
local_authority,E06000025,South Gloucestershire,2018,57933
local_authority,E06000030,Swindon,2018,50769
local_authority,E06000027,Torbay,2018,25576
local_authority,E06000054,Wiltshire,2018,103178
local_authority,E09000007,Camden,2018,38995
local_authority,E09000001,City of London,2018,668
local_authority,E09000012,Hackney,2018,59542
local_authority,E09000013,Hammersmith and Fulham,2018,33319
local_authority,E09000014,Haringey,2018,57876
local_authority,E09000019,Islington,2018,37556
local_authority,E09000020,Kensington and Chelsea,2018,24594
local_authority,E09000022,Lambeth,2018,58899
local_authority,E09000023,Lewisham,2018,67109
local_authority,E09000025,Newham,2018,85087
local_authority,E09000028,Southwark,2018,60531
local_authority,E09000030,Tower Hamlets,2018,63673
local_authority,E09000032,Wandsworth,2018,60566
local_authority,E09000033,Westminster,2018,33326
local_authority,E09000002,Barking and Dagenham,2018,63631
local_authority,E09000003,Barnet,2018,89038
local_authority,E09000004,Bexley,2018,56447
local_authority,E09000005,Brent,2018,76543
local_authority,E09000006,Bromley,2018,73451
local_authority,E09000008,Croydon,2018,91657
local_authority,E09000009,Ealing,2018,81894
local_authority,E09000010,Enfield,2018,84236
local_authority,E09000011,Greenwich,2018,66917
local_authority,E09000015,Harrow,2018,58365
local_authority,E09000016,Havering,2018,57051
local_authority,E09000017,Hillingdon,2018,71595
local_authority,E09000018,Hounslow,2018,66034
local_authority,E09000021,Kingston upon Thames,2018,36623
local_authority,E09000024,Merton,2018,47417
local_authority,E09000026,Redbridge,2018,76725
local_authority,E09000027,Richmond upon Thames,2018,44642
local_authority,E09000029,Sutton,2018,47739
local_authority,E09000031,Waltham Forest,2018,64613
national,E92000001,England,2017,11716740
region,E12000001,North East,2017,522766
region,E12000002,North West,2017,1540500
region,E12000003,Yorkshire and The Humber,2017,1146086
region,E12000004,East Midlands,2017,981740
region,E12000005,West Midlands,2017,1279880
region,E12000006,East of England,2017,1312297
region,E12000007,London,2017,1931638
region,E12000008,South East,2017,1917773
region,E12000009,South West,2017,1084060
region,E13000001,Inner London,2017,681840
region,E13000002,Outer London,2017,1249798
local_authority,E06000047,County Durham,2017,98870
local_authority,E06000005,Darlington,2017,22355
local_authority,E08000037,Gateshead,2017,39200
local_authority,E06000001,Hartlepool,2017,20003
local_authority,E06000002,Middlesbrough,2017,32500
local_authority,E08000021,Newcastle upon Tyne,2017,56475
local_authority,E08000022,North Tyneside,2017,40862
local_authority,E06000057,Northumberland,2017,58657
local_authority,E06000003,Redcar and Cleveland,2017,27430
local_authority,E08000023,South Tyneside,2017,29204
local_authority,E06000004,Stockton-on-Tees,2017,43152
local_authority,E08000024,Sunderland,2017,54058
local_authority,E06000008,Blackburn with Darwen,2017,39761
local_authority,E06000009,Blackpool,2017,28397
local_authority,E08000001,Bolton,2017,69357
local_authority,E08000002,Bury,2017,43653
local_authority,E06000049,Cheshire East,2017,75668
local_authority,E06000050,Cheshire West and Chester,2017,67877
local_authority,E10000006,Cumbria,2017,91607
local_authority,E06000006,Halton,2017,27859
local_authority,E08000011,Knowsley,2017,32367
local_authority,E10000017,Lancashire,2017,246467
local_authority,E08000012,Liverpool,2017,91228
local_authority,E08000003,Manchester,2017,123213
local_authority,E08000004,Oldham,2017,60668
local_authority,E08000005,Rochdale,2017,52663
local_authority,E08000006,Salford,2017,55433
local_authority,E08000014,Sefton,2017,52941
local_authority,E08000013,St. Helens,2017,36647
local_authority,E08000007,Stockport,2017,61852
local_authority,E08000008,Tameside,2017,49916
local_authority,E08000009,Trafford,2017,54581
local_authority,E06000007,Warrington,2017,44369
local_authority,E08000010,Wigan,2017,67142
local_authority,E08000015,Wirral,2017,66834
local_authority,E08000016,Barnsley,2017,49287
local_authority,E08000032,Bradford,2017,141941
local_authority,E08000033,Calderdale,2017,45773
local_authority,E08000017,Doncaster,2017,64396
local_authority,E06000011,East Riding of Yorkshire,2017,61765
local_authority,E06000010,"Kingston upon Hull, City of",2017,57746
local_authority,E08000034,Kirklees,2017,98869
local_authority,E08000035,Leeds,2017,166004
local_authority,E06000012,North East Lincolnshire,2017,33681
local_authority,E06000013,North Lincolnshire,2017,35071
local_authority,E10000023,North Yorkshire,2017,115686
local_authority,E08000018,Rotherham,2017,56706
local_authority,E08000019,Sheffield,2017,112687
local_authority,E08000036,Wakefield,2017,70942
local_authority,E06000014,York,2017,35532
local_authority,E06000015,Derby,2017,59201
local_authority,E10000007,Derbyshire,2017,151497
local_authority,E06000016,Leicester,2017,86335
local_authority,E10000018,Leicestershire,2017,136766
local_authority,E10000019,Lincolnshire,2017,143811
local_authority,E10000021,Northamptonshire,2017,167611
local_authority,E06000018,Nottingham,2017,66064
local_authority,E10000024,Nottinghamshire,2017,162289
local_authority,E06000017,Rutland,2017,8166
local_authority,E08000025,Birmingham,2017,291299
local_authority,E08000026,Coventry,2017,75168
local_authority,E08000027,Dudley,2017,67987
local_authority,E06000019,"Herefordshire, County of",2017,34644
local_authority,E08000028,Sandwell,2017,83024
local_authority,E06000051,Shropshire,2017,59161
local_authority,E08000029,Solihull,2017,46335
local_authority,E10000028,Staffordshire,2017,166629
local_authority,E06000021,Stoke-on-Trent,2017,57603
local_authority,E06000020,Telford and Wrekin,2017,39840
local_authority,E08000030,Walsall,2017,67030
local_authority,E10000031,Warwickshire,2017,114689
local_authority,E08000031,Wolverhampton,2017,59774
local_authority,E10000034,Worcestershire,2017,116697
local_authority,E06000055,Bedford,2017,39505
local_authority,E10000003,Cambridgeshire,2017,132267
local_authority,E06000056,Central Bedfordshire,2017,60337
local_authority,E10000012,Essex,2017,305506
local_authority,E10000015,Hertfordshire,2017,266791
local_authority,E06000032,Luton,2017,58006
local_authority,E10000020,Norfolk,2017,167594
local_authority,E06000031,Peterborough,2017,51262
local_authority,E06000033,Southend-on-Sea,2017,38312
local_authority,E10000029,Suffolk,2017,150289
local_authority,E06000034,Thurrock,2017,42428
local_authority,E06000036,Bracknell Forest,2017,27321
local_authority,E06000043,Brighton and Hove,2017,49737
local_authority,E10000002,Buckinghamshire,2017,121026
local_authority,E10000011,East Sussex,2017,103768
local_authority,E10000014,Hampshire,2017,280006
local_authority,E06000046,Isle of Wight,2017,24755
local_authority,E10000016,Kent,2017,328951
local_authority,E06000035,Medway,2017,63006
local_authority,E06000042,Milton Keynes,2017,67970
local_authority,E10000025,Oxfordshire,2017,142703
local_authority,E06000044,Portsmouth,2017,42657
local_authority,E06000038,Reading,2017,37270
local_authority,E06000039,Slough,2017,42480
local_authority,E06000045,Southampton,2017,49138
local_authority,E10000030,Surrey,2017,257025
local_authority,E06000037,West Berkshire,2017,35544
local_authority,E10000032,West Sussex,2017,172050
local_authority,E06000040,Windsor and Maidenhead,2017,34094
local_authority,E06000041,Wokingham,2017,38272
local_authority,E06000022,Bath and North East Somerset,2017,35178
local_authority,E06000028,Bournemouth,2017,x
local_authority,E06000023,"Bristol, City of",2017,93113
local_authority,E06000052,Cornwall,2017,104445
local_authority,E10000008,Devon,2017,143525
local_authority,E10000009,Dorset,2017,x
local_authority,E10000013,Gloucestershire,2017,125902
local_authority,E06000053,Isles of Scilly,2017,343
local_authority,E06000024,North Somerset,2017,42778
local_authority,E06000026,Plymouth,2017,51489
local_authority,E06000029,Poole,2017,x
local_authority,E10000027,Somerset,2017,109546
local_authority,E06000025,South Gloucestershire,2017,57490
local_authority,E06000030,Swindon,2017,50433
local_authority,E06000027,Torbay,2017,25582
local_authority,E06000054,Wiltshire,2017,103702
local_authority,E09000007,Camden,2017,39585
local_authority,E09000001,City of London,2017,647
local_authority,E09000012,Hackney,2017,59619
local_authority,E09000013,Hammersmith and Fulham,2017,33113
local_authority,E09000014,Haringey,2017,58446
local_authority,E09000019,Islington,2017,37552
local_authority,E09000020,Kensington and Chelsea,2017,25016
local_authority,E09000022,Lambeth,2017,59472
local_authority,E09000023,Lewisham,2017,67144
local_authority,E09000025,Newham,2017,84105
local_authority,E09000028,Southwark,2017,60502
local_authority,E09000030,Tower Hamlets,2017,62381
local_authority,E09000032,Wandsworth,2017,60476
local_authority,E09000033,Westminster,2017,33782
local_authority,E09000002,Barking and Dagenham,2017,63188
local_authority,E09000003,Barnet,2017,88491
local_authority,E09000004,Bexley,2017,56307
local_authority,E09000005,Brent,2017,76567
local_authority,E09000006,Bromley,2017,72871
local_authority,E09000008,Croydon,2017,92101
local_authority,E09000009,Ealing,2017,82207
local_authority,E09000010,Enfield,2017,84183
local_authority,E09000011,Greenwich,2017,66671
local_authority,E09000015,Harrow,2017,58125
local_authority,E09000016,Havering,2017,56327
local_authority,E09000017,Hillingdon,2017,71150
local_authority,E09000018,Hounslow,2017,64860
local_authority,E09000021,Kingston upon Thames,2017,36484
local_authority,E09000024,Merton,2017,47226
local_authority,E09000026,Redbridge,2017,76427
local_authority,E09000027,Richmond upon Thames,2017,44551
local_authority,E09000029,Sutton,2017,47314
local_authority,E09000031,Waltham Forest,2017,64748
national,E92000001,England,2016,11671521
region,E12000001,North East,2016,521867
region,E12000002,North West,2016,1531857
region,E12000003,Yorkshire and The Humber,2016,1143716
region,E12000004,East Midlands,2016,975343
region,E12000005,West Midlands,2016,1271627
region,E12000006,East of England,2016,1305054
region,E12000007,London,2016,1927705
region,E12000008,South East,2016,1913978
region,E12000009,South West,2016,1080374
region,E13000001,Inner London,2016,683058
region,E13000002,Outer London,2016,1244647
local_authority,E06000047,County Durham,2016,98798
local_authority,E06000005,Darlington,2016,22425
local_authority,E08000037,Gateshead,2016,39615
local_authority,E06000001,Hartlepool,2016,19968
local_authority,E06000002,Middlesbrough,2016,32207
local_authority,E08000021,Newcastle upon Tyne,2016,56047
local_authority,E08000022,North Tyneside,2016,40589
local_authority,E06000057,Northumberland,2016,58743
local_authority,E06000003,Redcar and Cleveland,2016,27308
local_authority,E08000023,South Tyneside,2016,29129
local_authority,E06000004,Stockton-on-Tees,2016,42981
local_authority,E08000024,Sunderland,2016,54057
local_authority,E06000008,Blackburn with Darwen,2016,39377
local_authority,E06000009,Blackpool,2016,28354
local_authority,E08000001,Bolton,2016,68254
local_authority,E08000002,Bury,2016,43345
local_authority,E06000049,Cheshire East,2016,75333
local_authority,E06000050,Cheshire West and Chester,2016,67203
local_authority,E10000006,Cumbria,2016,91941
local_authority,E06000006,Halton,2016,27909
local_authority,E08000011,Knowsley,2016,32278
local_authority,E10000017,Lancashire,2016,245765
local_authority,E08000012,Liverpool,2016,90394
local_authority,E08000003,Manchester,2016,121888
local_authority,E08000004,Oldham,2016,60199
local_authority,E08000005,Rochdale,2016,51708
local_authority,E08000006,Salford,2016,54733
local_authority,E08000014,Sefton,2016,52918
local_authority,E08000013,St. Helens,2016,36387
local_authority,E08000007,Stockport,2016,61535
local_authority,E08000008,Tameside,2016,49702
local_authority,E08000009,Trafford,2016,54045
local_authority,E06000007,Warrington,2016,44494
local_authority,E08000010,Wigan,2016,67110
local_authority,E08000015,Wirral,2016,66985
local_authority,E08000016,Barnsley,2016,49174
local_authority,E08000032,Bradford,2016,141525
local_authority,E08000033,Calderdale,2016,45898
local_authority,E08000017,Doncaster,2016,64440
local_authority,E06000011,East Riding of Yorkshire,2016,62012
local_authority,E06000010,"Kingston upon Hull, City of",2016,57232
local_authority,E08000034,Kirklees,2016,98542
local_authority,E08000035,Leeds,2016,164634
local_authority,E06000012,North East Lincolnshire,2016,33714
local_authority,E06000013,North Lincolnshire,2016,34924
local_authority,E10000023,North Yorkshire,2016,115991
local_authority,E08000018,Rotherham,2016,56509
local_authority,E08000019,Sheffield,2016,113143
local_authority,E08000036,Wakefield,2016,70137
local_authority,E06000014,York,2016,35841
local_authority,E06000015,Derby,2016,58947
local_authority,E10000007,Derbyshire,2016,151891
local_authority,E06000016,Leicester,2016,85492
local_authority,E10000018,Leicestershire,2016,135630
local_authority,E10000019,Lincolnshire,2016,143038
local_authority,E10000021,Northamptonshire,2016,165060
local_authority,E06000018,Nottingham,2016,65660
local_authority,E10000024,Nottinghamshire,2016,161581
local_authority,E06000017,Rutland,2016,8044
local_authority,E08000025,Birmingham,2016,289265
local_authority,E08000026,Coventry,2016,74820
local_authority,E08000027,Dudley,2016,67539
local_authority,E06000019,"Herefordshire, County of",2016,34913
local_authority,E08000028,Sandwell,2016,81769
local_authority,E06000051,Shropshire,2016,59028
local_authority,E08000029,Solihull,2016,45896
local_authority,E10000028,Staffordshire,2016,166990
local_authority,E06000021,Stoke-on-Trent,2016,57117
local_authority,E06000020,Telford and Wrekin,2016,39282
local_authority,E08000030,Walsall,2016,66044
local_authority,E10000031,Warwickshire,2016,113681
local_authority,E08000031,Wolverhampton,2016,59080
local_authority,E10000034,Worcestershire,2016,116203
local_authority,E06000055,Bedford,2016,38963
local_authority,E10000003,Cambridgeshire,2016,132181
local_authority,E06000056,Central Bedfordshire,2016,59856
local_authority,E10000012,Essex,2016,304021
local_authority,E10000015,Hertfordshire,2016,265265
local_authority,E06000032,Luton,2016,57832
local_authority,E10000020,Norfolk,2016,166800
local_authority,E06000031,Peterborough,2016,50239
local_authority,E06000033,Southend-on-Sea,2016,38212
local_authority,E10000029,Suffolk,2016,149935
local_authority,E06000034,Thurrock,2016,41750
local_authority,E06000036,Bracknell Forest,2016,27536
local_authority,E06000043,Brighton and Hove,2016,50154
local_authority,E10000002,Buckinghamshire,2016,120643
local_authority,E10000011,East Sussex,2016,104219
local_authority,E10000014,Hampshire,2016,280442
local_authority,E06000046,Isle of Wight,2016,24739
local_authority,E10000016,Kent,2016,327405
local_authority,E06000035,Medway,2016,62828
local_authority,E06000042,Milton Keynes,2016,67736
local_authority,E10000025,Oxfordshire,2016,142584
local_authority,E06000044,Portsmouth,2016,42658
local_authority,E06000038,Reading,2016,36883
local_authority,E06000039,Slough,2016,41701
local_authority,E06000045,Southampton,2016,48847
local_authority,E10000030,Surrey,2016,256828
local_authority,E06000037,West Berkshire,2016,35958
local_authority,E10000032,West Sussex,2016,170877
local_authority,E06000040,Windsor and Maidenhead,2016,34182
local_authority,E06000041,Wokingham,2016,37758
local_authority,E06000022,Bath and North East Somerset,2016,34982
local_authority,E06000028,Bournemouth,2016,x
local_authority,E06000023,"Bristol, City of",2016,93131
local_authority,E06000052,Cornwall,2016,103942
local_authority,E10000008,Devon,2016,142159
local_authority,E10000009,Dorset,2016,x
local_authority,E10000013,Gloucestershire,2016,125354
local_authority,E06000053,Isles of Scilly,2016,358
local_authority,E06000024,North Somerset,2016,42813
local_authority,E06000026,Plymouth,2016,51470
local_authority,E06000029,Poole,2016,x
local_authority,E10000027,Somerset,2016,109657
local_authority,E06000025,South Gloucestershire,2016,57150
local_authority,E06000030,Swindon,2016,49839
local_authority,E06000027,Torbay,2016,25576
local_authority,E06000054,Wiltshire,2016,103549
local_authority,E09000007,Camden,2016,39921
local_authority,E09000001,City of London,2016,618
local_authority,E09000012,Hackney,2016,59738
local_authority,E09000013,Hammersmith and Fulham,2016,32815
local_authority,E09000014,Haringey,2016,59225
local_authority,E09000019,Islington,2016,37370
local_authority,E09000020,Kensington and Chelsea,2016,25422
local_authority,E09000022,Lambeth,2016,60048
local_authority,E09000023,Lewisham,2016,67077
local_authority,E09000025,Newham,2016,84023
local_authority,E09000028,Southwark,2016,60751
local_authority,E09000030,Tower Hamlets,2016,61604
local_authority,E09000032,Wandsworth,2016,60012
local_authority,E09000033,Westminster,2016,34434
local_authority,E09000002,Barking and Dagenham,2016,62338
local_authority,E09000003,Barnet,2016,88135
local_authority,E09000004,Bexley,2016,56523
local_authority,E09000005,Brent,2016,76085
local_authority,E09000006,Bromley,2016,72329
local_authority,E09000008,Croydon,2016,92398
local_authority,E09000009,Ealing,2016,82382
local_authority,E09000010,Enfield,2016,84178
local_authority,E09000011,Greenwich,2016,66106
local_authority,E09000015,Harrow,2016,58234
local_authority,E09000016,Havering,2016,55597
local_authority,E09000017,Hillingdon,2016,70572
local_authority,E09000018,Hounslow,2016,64025
local_authority,E09000021,Kingston upon Thames,2016,36431
local_authority,E09000024,Merton,2016,47132
local_authority,E09000026,Redbridge,2016,76555
local_authority,E09000027,Richmond upon Thames,2016,44385
local_authority,E09000029,Sutton,2016,46742
local_authority,E09000031,Waltham Forest,2016,64500
national,E92000001,England,2015,11593891
region,E12000001,North East,2015,521491
region,E12000002,North West,2015,1521065
region,E12000003,Yorkshire and The Humber,2015,1139023
region,E12000004,East Midlands,2015,967911
region,E12000005,West Midlands,2015,1262361
region,E12000006,East of England,2015,1294037
region,E12000007,London,2015,1911775
region,E12000008,South East,2015,1902826
region,E12000009,South West,2015,1073402
region,E13000001,Inner London,2015,680802
region,E13000002,Outer London,2015,1230973
local_authority,E06000047,County Durham,2015,99013
local_authority,E06000005,Darlington,2015,22578
local_authority,E08000037,Gateshead,2015,39603
local_authority,E06000001,Hartlepool,2015,19820
local_authority,E06000002,Middlesbrough,2015,31979
local_authority,E08000021,Newcastle upon Tyne,2015,55722
local_authority,E08000022,North Tyneside,2015,40397
local_authority,E06000057,Northumberland,2015,59097
local_authority,E06000003,Redcar and Cleveland,2015,27404
local_authority,E08000023,South Tyneside,2015,28867
local_authority,E06000004,Stockton-on-Tees,2015,42861
local_authority,E08000024,Sunderland,2015,54150
local_authority,E06000008,Blackburn with Darwen,2015,39030
local_authority,E06000009,Blackpool,2015,28483
local_authority,E08000001,Bolton,2015,67395
local_authority,E08000002,Bury,2015,43018
local_authority,E06000049,Cheshire East,2015,74959
local_authority,E06000050,Cheshire West and Chester,2015,66703
local_authority,E10000006,Cumbria,2015,92319
local_authority,E06000006,Halton,2015,27982
local_authority,E08000011,Knowsley,2015,32189
local_authority,E10000017,Lancashire,2015,244736
local_authority,E08000012,Liverpool,2015,89441
local_authority,E08000003,Manchester,2015,118879
local_authority,E08000004,Oldham,2015,59479
local_authority,E08000005,Rochdale,2015,51104
local_authority,E08000006,Salford,2015,53702
local_authority,E08000014,Sefton,2015,52902
local_authority,E08000013,St. Helens,2015,36297
local_authority,E08000007,Stockport,2015,61200
local_authority,E08000008,Tameside,2015,49338
local_authority,E08000009,Trafford,2015,53434
local_authority,E06000007,Warrington,2015,44439
local_authority,E08000010,Wigan,2015,67041
local_authority,E08000015,Wirral,2015,66995
local_authority,E08000016,Barnsley,2015,49139
local_authority,E08000032,Bradford,2015,140385
local_authority,E08000033,Calderdale,2015,45659
local_authority,E08000017,Doncaster,2015,64453
local_authority,E06000011,East Riding of Yorkshire,2015,62164
local_authority,E06000010,"Kingston upon Hull, City of",2015,56504
local_authority,E08000034,Kirklees,2015,98339
local_authority,E08000035,Leeds,2015,162439
local_authority,E06000012,North East Lincolnshire,2015,33772
local_authority,E06000013,North Lincolnshire,2015,34941
local_authority,E10000023,North Yorkshire,2015,116304
local_authority,E08000018,Rotherham,2015,56392
local_authority,E08000019,Sheffield,2015,113105
local_authority,E08000036,Wakefield,2015,69461
local_authority,E06000014,York,2015,35966
local_authority,E06000015,Derby,2015,58474
local_authority,E10000007,Derbyshire,2015,152625
local_authority,E06000016,Leicester,2015,83785
local_authority,E10000018,Leicestershire,2015,134570
local_authority,E10000019,Lincolnshire,2015,141869
local_authority,E10000021,Northamptonshire,2015,162611
local_authority,E06000018,Nottingham,2015,64690
local_authority,E10000024,Nottinghamshire,2015,161259
local_authority,E06000017,Rutland,2015,8028
local_authority,E08000025,Birmingham,2015,285934
local_authority,E08000026,Coventry,2015,73611
local_authority,E08000027,Dudley,2015,67529
local_authority,E06000019,"Herefordshire, County of",2015,35276
local_authority,E08000028,Sandwell,2015,80522
local_authority,E06000051,Shropshire,2015,59048
local_authority,E08000029,Solihull,2015,45589
local_authority,E10000028,Staffordshire,2015,167421
local_authority,E06000021,Stoke-on-Trent,2015,56523
local_authority,E06000020,Telford and Wrekin,2015,39075
local_authority,E08000030,Walsall,2015,64977
local_authority,E10000031,Warwickshire,2015,113133
local_authority,E08000031,Wolverhampton,2015,58293
local_authority,E10000034,Worcestershire,2015,115430
local_authority,E06000055,Bedford,2015,38238
local_authority,E10000003,Cambridgeshire,2015,131427
local_authority,E06000056,Central Bedfordshire,2015,58985
local_authority,E10000012,Essex,2015,301867
local_authority,E10000015,Hertfordshire,2015,262771
local_authority,E06000032,Luton,2015,56970
local_authority,E10000020,Norfolk,2015,166029
local_authority,E06000031,Peterborough,2015,48805
local_authority,E06000033,Southend-on-Sea,2015,38041
local_authority,E10000029,Suffolk,2015,149963
local_authority,E06000034,Thurrock,2015,40941
local_authority,E06000036,Bracknell Forest,2015,27647
local_authority,E06000043,Brighton and Hove,2015,50255
local_authority,E10000002,Buckinghamshire,2015,119468
local_authority,E10000011,East Sussex,2015,104500
local_authority,E10000014,Hampshire,2015,279851
local_authority,E06000046,Isle of Wight,2015,24976
local_authority,E10000016,Kent,2015,326112
local_authority,E06000035,Medway,2015,62614
local_authority,E06000042,Milton Keynes,2015,66695
local_authority,E10000025,Oxfordshire,2015,141385
local_authority,E06000044,Portsmouth,2015,42607
local_authority,E06000038,Reading,2015,36659
local_authority,E06000039,Slough,2015,40836
local_authority,E06000045,Southampton,2015,48257
local_authority,E10000030,Surrey,2015,254833
local_authority,E06000037,West Berkshire,2015,35716
local_authority,E10000032,West Sussex,2015,169736
local_authority,E06000040,Windsor and Maidenhead,2015,33648
local_authority,E06000041,Wokingham,2015,37031
local_authority,E06000022,Bath and North East Somerset,2015,34492
local_authority,E06000028,Bournemouth,2015,x
local_authority,E06000023,"Bristol, City of",2015,92139
local_authority,E06000052,Cornwall,2015,103691
local_authority,E10000008,Devon,2015,141359
local_authority,E10000009,Dorset,2015,x
local_authority,E10000013,Gloucestershire,2015,124059
local_authority,E06000053,Isles of Scilly,2015,367
local_authority,E06000024,North Somerset,2015,42417
local_authority,E06000026,Plymouth,2015,51174
local_authority,E06000029,Poole,2015,x
local_authority,E10000027,Somerset,2015,109236
local_authority,E06000025,South Gloucestershire,2015,56970
local_authority,E06000030,Swindon,2015,49318
local_authority,E06000027,Torbay,2015,25427
local_authority,E06000054,Wiltshire,2015,102783
local_authority,E09000007,Camden,2015,39822
local_authority,E09000001,City of London,2015,669
local_authority,E09000012,Hackney,2015,59239
local_authority,E09000013,Hammersmith and Fulham,2015,32628
local_authority,E09000014,Haringey,2015,59372
local_authority,E09000019,Islington,2015,37327
local_authority,E09000020,Kensington and Chelsea,2015,26012
local_authority,E09000022,Lambeth,2015,60382
local_authority,E09000023,Lewisham,2015,66712
local_authority,E09000025,Newham,2015,83118
local_authority,E09000028,Southwark,2015,60460
local_authority,E09000030,Tower Hamlets,2015,60718
local_authority,E09000032,Wandsworth,2015,59403
local_authority,E09000033,Westminster,2015,34940
local_authority,E09000002,Barking and Dagenham,2015,60882
local_authority,E09000003,Barnet,2015,87154
local_authority,E09000004,Bexley,2015,56001
local_authority,E09000005,Brent,2015,75045
local_authority,E09000006,Bromley,2015,71454
local_authority,E09000008,Croydon,2015,91609
local_authority,E09000009,Ealing,2015,81976
local_authority,E09000010,Enfield,2015,83821
local_authority,E09000011,Greenwich,2015,65099
local_authority,E09000015,Harrow,2015,58065
local_authority,E09000016,Havering,2015,54306
local_authority,E09000017,Hillingdon,2015,69627
local_authority,E09000018,Hounslow,2015,63104
local_authority,E09000021,Kingston upon Thames,2015,36085
local_authority,E09000024,Merton,2015,46650
local_authority,E09000026,Redbridge,2015,75983
local_authority,E09000027,Richmond upon Thames,2015,43902
local_authority,E09000029,Sutton,2015,46169
local_authority,E09000031,Waltham Forest,2015,64041
national,E92000001,England,2014,11535489
region,E12000001,North East,2014,522928
region,E12000002,North West,2014,1515151
region,E12000003,Yorkshire and The Humber,2014,1136716
region,E12000004,East Midlands,2014,963316
region,E12000005,West Midlands,2014,1257495
region,E12000006,East of England,2014,1283333
region,E12000007,London,2014,1893858
region,E12000008,South East,2014,1892670
region,E12000009,South West,2014,1070022
region,E13000001,Inner London,2014,677851
region,E13000002,Outer London,2014,1216007
local_authority,E06000047,County Durham,2014,99368
local_authority,E06000005,Darlington,2014,22664
local_authority,E08000037,Gateshead,2014,39887
local_authority,E06000001,Hartlepool,2014,19985
local_authority,E06000002,Middlesbrough,2014,31757
local_authority,E08000021,Newcastle upon Tyne,2014,55627
local_authority,E08000022,North Tyneside,2014,40483
local_authority,E06000057,Northumberland,2014,59721
local_authority,E06000003,Redcar and Cleveland,2014,27360
local_authority,E08000023,South Tyneside,2014,29035
local_authority,E06000004,Stockton-on-Tees,2014,42660
local_authority,E08000024,Sunderland,2014,54381
local_authority,E06000008,Blackburn with Darwen,2014,38873
local_authority,E06000009,Blackpool,2014,28692
local_authority,E08000001,Bolton,2014,66578
local_authority,E08000002,Bury,2014,42839
local_authority,E06000049,Cheshire East,2014,75078
local_authority,E06000050,Cheshire West and Chester,2014,66534
local_authority,E10000006,Cumbria,2014,92915
local_authority,E06000006,Halton,2014,28018
local_authority,E08000011,Knowsley,2014,32076
local_authority,E10000017,Lancashire,2014,244269
local_authority,E08000012,Liverpool,2014,88852
local_authority,E08000003,Manchester,2014,115938
local_authority,E08000004,Oldham,2014,58615
local_authority,E08000005,Rochdale,2014,50804
local_authority,E08000006,Salford,2014,52888
local_authority,E08000014,Sefton,2014,53312
local_authority,E08000013,St. Helens,2014,36464
local_authority,E08000007,Stockport,2014,61023
local_authority,E08000008,Tameside,2014,49070
local_authority,E08000009,Trafford,2014,53147
local_authority,E06000007,Warrington,2014,44487
local_authority,E08000010,Wigan,2014,67430
local_authority,E08000015,Wirral,2014,67249
local_authority,E08000016,Barnsley,2014,49045
local_authority,E08000032,Bradford,2014,139415
local_authority,E08000033,Calderdale,2014,45585
local_authority,E08000017,Doncaster,2014,64614
local_authority,E06000011,East Riding of Yorkshire,2014,62760
local_authority,E06000010,"Kingston upon Hull, City of",2014,56144
local_authority,E08000034,Kirklees,2014,98064
local_authority,E08000035,Leeds,2014,160167
local_authority,E06000012,North East Lincolnshire,2014,33996
local_authority,E06000013,North Lincolnshire,2014,34977
local_authority,E10000023,North Yorkshire,2014,116989
local_authority,E08000018,Rotherham,2014,56556
local_authority,E08000019,Sheffield,2014,113290
local_authority,E08000036,Wakefield,2014,69071
local_authority,E06000014,York,2014,36043
local_authority,E06000015,Derby,2014,58114
local_authority,E10000007,Derbyshire,2014,153468
local_authority,E06000016,Leicester,2014,82188
local_authority,E10000018,Leicestershire,2014,133917
local_authority,E10000019,Lincolnshire,2014,141135
local_authority,E10000021,Northamptonshire,2014,160769
local_authority,E06000018,Nottingham,2014,64144
local_authority,E10000024,Nottinghamshire,2014,161663
local_authority,E06000017,Rutland,2014,7918
local_authority,E08000025,Birmingham,2014,283467
local_authority,E08000026,Coventry,2014,72744
local_authority,E08000027,Dudley,2014,67510
local_authority,E06000019,"Herefordshire, County of",2014,35508
local_authority,E08000028,Sandwell,2014,79160
local_authority,E06000051,Shropshire,2014,59542
local_authority,E08000029,Solihull,2014,45617
local_authority,E10000028,Staffordshire,2014,168565
local_authority,E06000021,Stoke-on-Trent,2014,56123
local_authority,E06000020,Telford and Wrekin,2014,38923
local_authority,E08000030,Walsall,2014,64477
local_authority,E10000031,Warwickshire,2014,112721
local_authority,E08000031,Wolverhampton,2014,57853
local_authority,E10000034,Worcestershire,2014,115285
local_authority,E06000055,Bedford,2014,37670
local_authority,E10000003,Cambridgeshire,2014,130241
local_authority,E06000056,Central Bedfordshire,2014,58315
local_authority,E10000012,Essex,2014,299781
local_authority,E10000015,Hertfordshire,2014,260663
local_authority,E06000032,Luton,2014,55480
local_authority,E10000020,Norfolk,2014,165675
local_authority,E06000031,Peterborough,2014,47564
local_authority,E06000033,Southend-on-Sea,2014,37997
local_authority,E10000029,Suffolk,2014,149826
local_authority,E06000034,Thurrock,2014,40121
local_authority,E06000036,Bracknell Forest,2014,27408
local_authority,E06000043,Brighton and Hove,2014,50233
local_authority,E10000002,Buckinghamshire,2014,118017
local_authority,E10000011,East Sussex,2014,104364
local_authority,E10000014,Hampshire,2014,279826
local_authority,E06000046,Isle of Wight,2014,25294
local_authority,E10000016,Kent,2014,325144
local_authority,E06000035,Medway,2014,62183
local_authority,E06000042,Milton Keynes,2014,65636
local_authority,E10000025,Oxfordshire,2014,140769
local_authority,E06000044,Portsmouth,2014,42452
local_authority,E06000038,Reading,2014,35970
local_authority,E06000039,Slough,2014,40029
local_authority,E06000045,Southampton,2014,47833
local_authority,E10000030,Surrey,2014,253590
local_authority,E06000037,West Berkshire,2014,35601
local_authority,E10000032,West Sussex,2014,168453
local_authority,E06000040,Windsor and Maidenhead,2014,33286
local_authority,E06000041,Wokingham,2014,36582
local_authority,E06000022,Bath and North East Somerset,2014,34155
local_authority,E06000028,Bournemouth,2014,x
local_authority,E06000023,"Bristol, City of",2014,91311
local_authority,E06000052,Cornwall,2014,103618
local_authority,E10000008,Devon,2014,141221
local_authority,E10000009,Dorset,2014,x
local_authority,E10000013,Gloucestershire,2014,123284
local_authority,E06000053,Isles of Scilly,2014,363
local_authority,E06000024,North Somerset,2014,42330
local_authority,E06000026,Plymouth,2014,51123
local_authority,E06000029,Poole,2014,x
local_authority,E10000027,Somerset,2014,109061
local_authority,E06000025,South Gloucestershire,2014,56687
local_authority,E06000030,Swindon,2014,48845
local_authority,E06000027,Torbay,2014,25199
local_authority,E06000054,Wiltshire,2014,103077
local_authority,E09000007,Camden,2014,39725
local_authority,E09000001,City of London,2014,698
local_authority,E09000012,Hackney,2014,58671
local_authority,E09000013,Hammersmith and Fulham,2014,32823
local_authority,E09000014,Haringey,2014,59116
local_authority,E09000019,Islington,2014,36944
local_authority,E09000020,Kensington and Chelsea,2014,26199
local_authority,E09000022,Lambeth,2014,60663
local_authority,E09000023,Lewisham,2014,66353
local_authority,E09000025,Newham,2014,82273
local_authority,E09000028,Southwark,2014,60156
local_authority,E09000030,Tower Hamlets,2014,60070
local_authority,E09000032,Wandsworth,2014,58888
local_authority,E09000033,Westminster,2014,35272
local_authority,E09000002,Barking and Dagenham,2014,59326
local_authority,E09000003,Barnet,2014,86720
local_authority,E09000004,Bexley,2014,55535
local_authority,E09000005,Brent,2014,74196
local_authority,E09000006,Bromley,2014,70916
local_authority,E09000008,Croydon,2014,91341
local_authority,E09000009,Ealing,2014,81015
local_authority,E09000010,Enfield,2014,82536
local_authority,E09000011,Greenwich,2014,64030
local_authority,E09000015,Harrow,2014,57459
local_authority,E09000016,Havering,2014,53345
local_authority,E09000017,Hillingdon,2014,68509
local_authority,E09000018,Hounslow,2014,62049
local_authority,E09000021,Kingston upon Thames,2014,35640
local_authority,E09000024,Merton,2014,46087
local_authority,E09000026,Redbridge,2014,74931
local_authority,E09000027,Richmond upon Thames,2014,43355
local_authority,E09000029,Sutton,2014,45389
local_authority,E09000031,Waltham Forest,2014,63628
national,E92000001,England,2013,11473080
region,E12000001,North East,2013,523477
region,E12000002,North West,2013,1509282
region,E12000003,Yorkshire and The Humber,2013,1135317
region,E12000004,East Midlands,2013,959759
region,E12000005,West Midlands,2013,1251186
region,E12000006,East of England,2013,1272412
region,E12000007,London,2013,1874365
region,E12000008,South East,2013,1882362
region,E12000009,South West,2013,1064920
region,E13000001,Inner London,2013,675171
region,E13000002,Outer London,2013,1199194
local_authority,E06000047,County Durham,2013,99624
local_authority,E06000005,Darlington,2013,22732
local_authority,E08000037,Gateshead,2013,39942
local_authority,E06000001,Hartlepool,2013,20179
local_authority,E06000002,Middlesbrough,2013,31709
local_authority,E08000021,Newcastle upon Tyne,2013,54939
local_authority,E08000022,North Tyneside,2013,40476
local_authority,E06000057,Northumberland,2013,60273
local_authority,E06000003,Redcar and Cleveland,2013,27501
local_authority,E08000023,South Tyneside,2013,29188
local_authority,E06000004,Stockton-on-Tees,2013,42432
local_authority,E08000024,Sunderland,2013,54482
local_authority,E06000008,Blackburn with Darwen,2013,38990
local_authority,E06000009,Blackpool,2013,29048
local_authority,E08000001,Bolton,2013,66104
local_authority,E08000002,Bury,2013,42488
local_authority,E06000049,Cheshire East,2013,74894
local_authority,E06000050,Cheshire West and Chester,2013,66357
local_authority,E10000006,Cumbria,2013,93730
local_authority,E06000006,Halton,2013,27992
local_authority,E08000011,Knowsley,2013,32347
local_authority,E10000017,Lancashire,2013,243690
local_authority,E08000012,Liverpool,2013,88831
local_authority,E08000003,Manchester,2013,113517
local_authority,E08000004,Oldham,2013,57630
local_authority,E08000005,Rochdale,2013,50764
local_authority,E08000006,Salford,2013,52230
local_authority,E08000014,Sefton,2013,53396
local_authority,E08000013,St. Helens,2013,36249
local_authority,E08000007,Stockport,2013,60663
local_authority,E08000008,Tameside,2013,48819
local_authority,E08000009,Trafford,2013,52654
local_authority,E06000007,Warrington,2013,44275
local_authority,E08000010,Wigan,2013,67424
local_authority,E08000015,Wirral,2013,67190
local_authority,E08000016,Barnsley,2013,49109
local_authority,E08000032,Bradford,2013,138638
local_authority,E08000033,Calderdale,2013,45633
local_authority,E08000017,Doncaster,2013,64588
local_authority,E06000011,East Riding of Yorkshire,2013,63176
local_authority,E06000010,"Kingston upon Hull, City of",2013,55757
local_authority,E08000034,Kirklees,2013,97871
local_authority,E08000035,Leeds,2013,158349
local_authority,E06000012,North East Lincolnshire,2013,34275
local_authority,E06000013,North Lincolnshire,2013,35219
local_authority,E10000023,North Yorkshire,2013,118188
local_authority,E08000018,Rotherham,2013,56118
local_authority,E08000019,Sheffield,2013,113582
local_authority,E08000036,Wakefield,2013,68852
local_authority,E06000014,York,2013,35962
local_authority,E06000015,Derby,2013,57763
local_authority,E10000007,Derbyshire,2013,154433
local_authority,E06000016,Leicester,2013,80573
local_authority,E10000018,Leicestershire,2013,134000
local_authority,E10000019,Lincolnshire,2013,140667
local_authority,E10000021,Northamptonshire,2013,159260
local_authority,E06000018,Nottingham,2013,63499
local_authority,E10000024,Nottinghamshire,2013,161645
local_authority,E06000017,Rutland,2013,7919
local_authority,E08000025,Birmingham,2013,281019
local_authority,E08000026,Coventry,2013,72224
local_authority,E08000027,Dudley,2013,67412
local_authority,E06000019,"Herefordshire, County of",2013,35673
local_authority,E08000028,Sandwell,2013,77837
local_authority,E06000051,Shropshire,2013,59893
local_authority,E08000029,Solihull,2013,45181
local_authority,E10000028,Staffordshire,2013,169560
local_authority,E06000021,Stoke-on-Trent,2013,55395
local_authority,E06000020,Telford and Wrekin,2013,38892
local_authority,E08000030,Walsall,2013,63744
local_authority,E10000031,Warwickshire,2013,112178
local_authority,E08000031,Wolverhampton,2013,57013
local_authority,E10000034,Worcestershire,2013,115165
local_authority,E06000055,Bedford,2013,37028
local_authority,E10000003,Cambridgeshire,2013,129004
local_authority,E06000056,Central Bedfordshire,2013,57859
local_authority,E10000012,Essex,2013,297990
local_authority,E10000015,Hertfordshire,2013,257845
local_authority,E06000032,Luton,2013,54173
local_authority,E10000020,Norfolk,2013,165430
local_authority,E06000031,Peterborough,2013,46552
local_authority,E06000033,Southend-on-Sea,2013,37785
local_authority,E10000029,Suffolk,2013,149279
local_authority,E06000034,Thurrock,2013,39467
local_authority,E06000036,Bracknell Forest,2013,27085
local_authority,E06000043,Brighton and Hove,2013,50225
local_authority,E10000002,Buckinghamshire,2013,117344
local_authority,E10000011,East Sussex,2013,104182
local_authority,E10000014,Hampshire,2013,280312
local_authority,E06000046,Isle of Wight,2013,25521
local_authority,E10000016,Kent,2013,323745
local_authority,E06000035,Medway,2013,61595
local_authority,E06000042,Milton Keynes,2013,64500
local_authority,E10000025,Oxfordshire,2013,139928
local_authority,E06000044,Portsmouth,2013,42244
local_authority,E06000038,Reading,2013,35153
local_authority,E06000039,Slough,2013,39124
local_authority,E06000045,Southampton,2013,47458
local_authority,E10000030,Surrey,2013,251616
local_authority,E06000037,West Berkshire,2013,35745
local_authority,E10000032,West Sussex,2013,167281
local_authority,E06000040,Windsor and Maidenhead,2013,32975
local_authority,E06000041,Wokingham,2013,36329
local_authority,E06000022,Bath and North East Somerset,2013,33948
local_authority,E06000028,Bournemouth,2013,x
local_authority,E06000023,"Bristol, City of",2013,90263
local_authority,E06000052,Cornwall,2013,103420
local_authority,E10000008,Devon,2013,140899
local_authority,E10000009,Dorset,2013,x
local_authority,E10000013,Gloucestershire,2013,122300
local_authority,E06000053,Isles of Scilly,2013,364
local_authority,E06000024,North Somerset,2013,42117
local_authority,E06000026,Plymouth,2013,50952
local_authority,E06000029,Poole,2013,x
local_authority,E10000027,Somerset,2013,108780
local_authority,E06000025,South Gloucestershire,2013,56697
local_authority,E06000030,Swindon,2013,48172
local_authority,E06000027,Torbay,2013,25016
local_authority,E06000054,Wiltshire,2013,102723
local_authority,E09000007,Camden,2013,39629
local_authority,E09000001,City of London,2013,703
local_authority,E09000012,Hackney,2013,58365
local_authority,E09000013,Hammersmith and Fulham,2013,32946
local_authority,E09000014,Haringey,2013,58761
local_authority,E09000019,Islington,2013,36967
local_authority,E09000020,Kensington and Chelsea,2013,26533
local_authority,E09000022,Lambeth,2013,61073
local_authority,E09000023,Lewisham,2013,65581
local_authority,E09000025,Newham,2013,81002
local_authority,E09000028,Southwark,2013,60459
local_authority,E09000030,Tower Hamlets,2013,59102
local_authority,E09000032,Wandsworth,2013,58071
local_authority,E09000033,Westminster,2013,35979
local_authority,E09000002,Barking and Dagenham,2013,57661
local_authority,E09000003,Barnet,2013,85779
local_authority,E09000004,Bexley,2013,54891
local_authority,E09000005,Brent,2013,73068
local_authority,E09000006,Bromley,2013,70136
local_authority,E09000008,Croydon,2013,91073
local_authority,E09000009,Ealing,2013,80234
local_authority,E09000010,Enfield,2013,81400
local_authority,E09000011,Greenwich,2013,63423
local_authority,E09000015,Harrow,2013,56397
local_authority,E09000016,Havering,2013,52150
local_authority,E09000017,Hillingdon,2013,67244
local_authority,E09000018,Hounslow,2013,60820
local_authority,E09000021,Kingston upon Thames,2013,34987
local_authority,E09000024,Merton,2013,45429
local_authority,E09000026,Redbridge,2013,73594
local_authority,E09000027,Richmond upon Thames,2013,42626
local_authority,E09000029,Sutton,2013,44746
local_authority,E09000031,Waltham Forest,2013,63536
national,E92000001,England,2012,11403970
region,E12000001,North East,2012,524101
region,E12000002,North West,2012,1503870
region,E12000003,Yorkshire and The Humber,2012,1131201
region,E12000004,East Midlands,2012,955958
region,E12000005,West Midlands,2012,1243801
region,E12000006,East of England,2012,1264465
region,E12000007,London,2012,1847747
region,E12000008,South East,2012,1871286
region,E12000009,South West,2012,1061541
region,E13000001,Inner London,2012,667346
region,E13000002,Outer London,2012,1180401
local_authority,E06000047,County Durham,2012,99968
local_authority,E06000005,Darlington,2012,22730
local_authority,E08000037,Gateshead,2012,40161
local_authority,E06000001,Hartlepool,2012,20312
local_authority,E06000002,Middlesbrough,2012,31604
local_authority,E08000021,Newcastle upon Tyne,2012,54331
local_authority,E08000022,North Tyneside,2012,40345
local_authority,E06000057,Northumberland,2012,60983
local_authority,E06000003,Redcar and Cleveland,2012,27557
local_authority,E08000023,South Tyneside,2012,29320
local_authority,E06000004,Stockton-on-Tees,2012,42165
local_authority,E08000024,Sunderland,2012,54625
local_authority,E06000008,Blackburn with Darwen,2012,38846
local_authority,E06000009,Blackpool,2012,29036
local_authority,E08000001,Bolton,2012,65423
local_authority,E08000002,Bury,2012,42275
local_authority,E06000049,Cheshire East,2012,74921
local_authority,E06000050,Cheshire West and Chester,2012,66149
local_authority,E10000006,Cumbria,2012,94354
local_authority,E06000006,Halton,2012,27901
local_authority,E08000011,Knowsley,2012,32492
local_authority,E10000017,Lancashire,2012,243057
local_authority,E08000012,Liverpool,2012,88894
local_authority,E08000003,Manchester,2012,110880
local_authority,E08000004,Oldham,2012,56893
local_authority,E08000005,Rochdale,2012,50785
local_authority,E08000006,Salford,2012,51554
local_authority,E08000014,Sefton,2012,53741
local_authority,E08000013,St. Helens,2012,36366
local_authority,E08000007,Stockport,2012,60557
local_authority,E08000008,Tameside,2012,48551
local_authority,E08000009,Trafford,2012,52154
local_authority,E06000007,Warrington,2012,44073
local_authority,E08000010,Wigan,2012,67505
local_authority,E08000015,Wirral,2012,67463
local_authority,E08000016,Barnsley,2012,48970
local_authority,E08000032,Bradford,2012,137418
local_authority,E08000033,Calderdale,2012,45552
local_authority,E08000017,Doncaster,2012,64689
local_authority,E06000011,East Riding of Yorkshire,2012,63776
local_authority,E06000010,"Kingston upon Hull, City of",2012,55079
local_authority,E08000034,Kirklees,2012,97294
local_authority,E08000035,Leeds,2012,156568
local_authority,E06000012,North East Lincolnshire,2012,34292
local_authority,E06000013,North Lincolnshire,2012,35381
local_authority,E10000023,North Yorkshire,2012,118515
local_authority,E08000018,Rotherham,2012,56103
local_authority,E08000019,Sheffield,2012,113360
local_authority,E08000036,Wakefield,2012,68354
local_authority,E06000014,York,2012,35850
local_authority,E06000015,Derby,2012,57415
local_authority,E10000007,Derbyshire,2012,155579
local_authority,E06000016,Leicester,2012,79012
local_authority,E10000018,Leicestershire,2012,134025
local_authority,E10000019,Lincolnshire,2012,139834
local_authority,E10000021,Northamptonshire,2012,157833
local_authority,E06000018,Nottingham,2012,62751
local_authority,E10000024,Nottinghamshire,2012,161643
local_authority,E06000017,Rutland,2012,7866
local_authority,E08000025,Birmingham,2012,277338
local_authority,E08000026,Coventry,2012,71301
local_authority,E08000027,Dudley,2012,67302
local_authority,E06000019,"Herefordshire, County of",2012,35798
local_authority,E08000028,Sandwell,2012,76103
local_authority,E06000051,Shropshire,2012,60467
local_authority,E08000029,Solihull,2012,45068
local_authority,E10000028,Staffordshire,2012,170076
local_authority,E06000021,Stoke-on-Trent,2012,54944
local_authority,E06000020,Telford and Wrekin,2012,38966
local_authority,E08000030,Walsall,2012,63386
local_authority,E10000031,Warwickshire,2012,111862
local_authority,E08000031,Wolverhampton,2012,56482
local_authority,E10000034,Worcestershire,2012,114708
local_authority,E06000055,Bedford,2012,36295
local_authority,E10000003,Cambridgeshire,2012,128205
local_authority,E06000056,Central Bedfordshire,2012,57114
local_authority,E10000012,Essex,2012,296530
local_authority,E10000015,Hertfordshire,2012,255703
local_authority,E06000032,Luton,2012,53036
local_authority,E10000020,Norfolk,2012,165136
local_authority,E06000031,Peterborough,2012,45392
local_authority,E06000033,Southend-on-Sea,2012,37595
local_authority,E10000029,Suffolk,2012,150430
local_authority,E06000034,Thurrock,2012,39029
local_authority,E06000036,Bracknell Forest,2012,26819
local_authority,E06000043,Brighton and Hove,2012,49746
local_authority,E10000002,Buckinghamshire,2012,116508
local_authority,E10000011,East Sussex,2012,104238
local_authority,E10000014,Hampshire,2012,280728
local_authority,E06000046,Isle of Wight,2012,25833
local_authority,E10000016,Kent,2012,323021
local_authority,E06000035,Medway,2012,61276
local_authority,E06000042,Milton Keynes,2012,63010
local_authority,E10000025,Oxfordshire,2012,138956
local_authority,E06000044,Portsmouth,2012,42178
local_authority,E06000038,Reading,2012,34268
local_authority,E06000039,Slough,2012,38385
local_authority,E06000045,Southampton,2012,46877
local_authority,E10000030,Surrey,2012,249301
local_authority,E06000037,West Berkshire,2012,35483
local_authority,E10000032,West Sussex,2012,165851
local_authority,E06000040,Windsor and Maidenhead,2012,32898
local_authority,E06000041,Wokingham,2012,35910
local_authority,E06000022,Bath and North East Somerset,2012,33695
local_authority,E06000028,Bournemouth,2012,x
local_authority,E06000023,"Bristol, City of",2012,89137
local_authority,E06000052,Cornwall,2012,103168
local_authority,E10000008,Devon,2012,140647
local_authority,E10000009,Dorset,2012,x
local_authority,E10000013,Gloucestershire,2012,122062
local_authority,E06000053,Isles of Scilly,2012,364
local_authority,E06000024,North Somerset,2012,41740
local_authority,E06000026,Plymouth,2012,50711
local_authority,E06000029,Poole,2012,x
local_authority,E10000027,Somerset,2012,108673
local_authority,E06000025,South Gloucestershire,2012,57000
local_authority,E06000030,Swindon,2012,47423
local_authority,E06000027,Torbay,2012,24891
local_authority,E06000054,Wiltshire,2012,103366
local_authority,E09000007,Camden,2012,39314
local_authority,E09000001,City of London,2012,716
local_authority,E09000012,Hackney,2012,57499
local_authority,E09000013,Hammersmith and Fulham,2012,32845
local_authority,E09000014,Haringey,2012,58170
local_authority,E09000019,Islington,2012,36413
local_authority,E09000020,Kensington and Chelsea,2012,26684
local_authority,E09000022,Lambeth,2012,61003
local_authority,E09000023,Lewisham,2012,64514
local_authority,E09000025,Newham,2012,79703
local_authority,E09000028,Southwark,2012,60001
local_authority,E09000030,Tower Hamlets,2012,57201
local_authority,E09000032,Wandsworth,2012,56999
local_authority,E09000033,Westminster,2012,36284
local_authority,E09000002,Barking and Dagenham,2012,55725
local_authority,E09000003,Barnet,2012,84803
local_authority,E09000004,Bexley,2012,54558
local_authority,E09000005,Brent,2012,71967
local_authority,E09000006,Bromley,2012,69440
local_authority,E09000008,Croydon,2012,90483
local_authority,E09000009,Ealing,2012,78608
local_authority,E09000010,Enfield,2012,80308
local_authority,E09000011,Greenwich,2012,62333
local_authority,E09000015,Harrow,2012,55504
local_authority,E09000016,Havering,2012,51375
local_authority,E09000017,Hillingdon,2012,65879
local_authority,E09000018,Hounslow,2012,59454
local_authority,E09000021,Kingston upon Thames,2012,34562
local_authority,E09000024,Merton,2012,44782
local_authority,E09000026,Redbridge,2012,72155
local_authority,E09000027,Richmond upon Thames,2012,41715
local_authority,E09000029,Sutton,2012,44006
local_authority,E09000031,Waltham Forest,2012,62744

"""#

    static let codeChangesCSV = #"""
old_code,new_code,from,note
E10000023,E06000065,2023-04,North Yorkshire County Council replaced by North Yorkshire Council (unitary)
E10000027,E06000066,2023-04,Somerset County Council replaced by Somerset Council (unitary)

"""#
}
