set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'reintegration.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set label 'Reintegration support by provider, per month' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Netherlands baseline 2019-2023 · verified departures by the provider they got · mean of 2 replications' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario nl-baseline · 2 replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Sources: DT&V Vertrekcijfers and Instroom- en vertrekcijfers; IOM NL; rrsim nl-baseline' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set object rect from first 18262, graph 0 to first 18336, graph 1 fc rgb "#e2e2e2" fs solid 1 noborder behind
set object rect from first 18336, graph 0 to first 18337, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18337, graph 0 to first 18338, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18338, graph 0 to first 18339, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18339, graph 0 to first 18344, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18344, graph 0 to first 18444, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18444, graph 0 to first 18458, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18458, graph 0 to first 18590, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18590, graph 0 to first 18628, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18628, graph 0 to first 18719, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18719, graph 0 to first 18779, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18779, graph 0 to first 18809, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18809, graph 0 to first 18921, graph 1 fc rgb "#d5d5d5" fs solid 1 noborder behind
set object rect from first 18921, graph 0 to first 19031, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 19031, graph 0 to first 19053, graph 1 fc rgb "#d5d5d5" fs solid 1 noborder behind
set object rect from first 19053, graph 0 to first 19310, graph 1 fc rgb "#e2e2e2" fs solid 1 noborder behind
set object rect from first 19310, graph 0 to first 19358, graph 1 fc rgb "#efefef" fs solid 1 noborder behind
set arrow from first 18337, screen 0.7047 to first 18444, screen 0.7047 nohead lw 5 lc rgb "#8c8c8c"
set label 'Talks cut' at first 18337, screen 0.7185 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18339, screen 0.7769 to first 18444, screen 0.7769 nohead lw 5 lc rgb "#8c8c8c"
set label 'Dublin stop' at first 18339, screen 0.7907 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18444, screen 0.8491 to first 18628, screen 0.8491 nohead lw 5 lc rgb "#8c8c8c"
set label 'Dublin 58%' at first 18444, screen 0.8629 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18336, screen 0.6324 to first 18444, screen 0.6324 nohead lw 5 lc rgb "#8c8c8c"
set label 'Flights -85%' at first 18336, screen 0.6462 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18444, screen 0.5602 to first 18809, screen 0.5602 nohead lw 5 lc rgb "#8c8c8c"
set label 'Flights 50%' at first 18444, screen 0.5740 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18628, screen 0.6324 to first 19053, screen 0.6324 nohead lw 5 lc rgb "#8c8c8c"
set label 'Tests refused' at first 18628, screen 0.6462 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18262, screen 0.5602 to first 18628, screen 0.5602 nohead lw 5 lc rgb "#8c8c8c"
set label 'MA: no LP' at first 18262, screen 0.5740 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18336, screen 0.6685 to first 18458, screen 0.6685 nohead lw 5 lc rgb "#8c8c8c"
set label 'MA border' at first 18336, screen 0.6824 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18719, screen 0.5963 to first 19310, screen 0.5963 nohead lw 5 lc rgb "#8c8c8c"
set label 'MA: no removal' at first 18719, screen 0.6101 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18921, screen 0.7408 to first 19031, screen 0.7408 nohead lw 5 lc rgb "#8c8c8c"
set label 'MA flight ban' at first 18921, screen 0.7546 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18338, screen 0.7408 to first 18779, screen 0.7408 nohead lw 5 lc rgb "#8c8c8c"
set label 'DZ border' at first 18338, screen 0.7546 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18887, graph 0 to first 18887, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18887, screen 0.7047 to first 19723, screen 0.7047 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'DZ: no removal' at first 18887, screen 0.7185 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18344, screen 0.8130 to first 18590, screen 0.8130 nohead lw 5 lc rgb "#8c8c8c"
set label 'NG airports' at first 18344, screen 0.8268 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18850, graph 0 to first 18850, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18850, screen 0.5602 to first 19723, screen 0.5602 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'AF moratorium' at first 18850, screen 0.5740 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 19047, graph 0 to first 19047, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 19047, screen 0.6685 to first 19723, screen 0.6685 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'UA war' at first 19047, screen 0.6824 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18993, graph 0 to first 18993, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18993, screen 0.7769 to first 19723, screen 0.7769 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Less absconding' at first 18993, screen 0.7907 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18262, screen 0.5963 to first 18628, screen 0.5963 nohead lw 5 lc rgb "#8c8c8c"
set label 'Mix 2020' at first 18262, screen 0.6101 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18628, screen 0.6685 to first 18993, screen 0.6685 nohead lw 5 lc rgb "#8c8c8c"
set label 'Mix 2021' at first 18628, screen 0.6824 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18993, screen 0.8130 to first 19358, screen 0.8130 nohead lw 5 lc rgb "#8c8c8c"
set label 'Mix 2022' at first 18993, screen 0.8268 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 19358, graph 0 to first 19358, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 19358, screen 0.5963 to first 19723, screen 0.5963 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Mix 2023' at first 19358, screen 0.6101 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 19174, graph 0 to first 19174, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 19174, screen 0.6324 to first 19723, screen 0.6324 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Frontex' at first 19174, screen 0.6462 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set lmargin at screen 0.0900
set rmargin at screen 0.9750
set tmargin at screen 0.5389
set bmargin at screen 0.2292
set xrange [17897:19723]
set xtics ("" 17897, "" 17987 1, "" 18078 1, "" 18170 1, "" 18262, "" 18353 1, "" 18444 1, "" 18536 1, "" 18628, "" 18718 1, "" 18809 1, "" 18901 1, "" 18993, "" 19083 1, "" 19174 1, "" 19266 1, "" 19358, "" 19448 1, "" 19539 1, "" 19631 1, "" 19723)
set label "2019" at first 18079, graph 0 center offset 0,-1.1 font ",14"
set label "2020" at first 18445, graph 0 center offset 0,-1.1 font ",14"
set label "2021" at first 18810, graph 0 center offset 0,-1.1 font ",14"
set label "2022" at first 19175, graph 0 center offset 0,-1.1 font ",14"
set label "2023" at first 19540, graph 0 center offset 0,-1.1 font ",14"
set label 'Month of departure' at screen 0.5325, screen 0.1486 center font "Sans,13" textcolor rgb "#333333"
set label 'Returnees per month (persons)' at screen 0.018, screen 0.3840 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$bars << EOD
17912.5 80.25 17898.4 17926.6 0 160.5
17942.0 108.25 17929.3 17954.7 0 216.5
17971.5 109.5 17957.4 17985.6 0 219
18002.0 93 17988.3 18015.7 0 186
18032.5 104 18018.4 18046.6 0 208
18063.0 101.5 18049.3 18076.7 0 203
18093.5 107.75 18079.4 18107.6 0 215.5
18124.5 113.25 18110.4 18138.6 0 226.5
18155.0 101.5 18141.3 18168.7 0 203
18185.5 110.5 18171.4 18199.6 0 221
18216.0 103.25 18202.3 18229.7 0 206.5
18246.5 107.25 18232.4 18260.6 0 214.5
18277.5 105.25 18263.4 18291.6 0 210.5
18307.5 99 18294.3 18320.7 0 198
18337.5 88 18323.4 18351.6 0 176
18368.0 30.75 18354.3 18381.7 0 61.5
18398.5 31.5 18384.4 18412.6 0 63
18429.0 31 18415.3 18442.7 0 62
18459.5 55 18445.4 18473.6 0 110
18490.5 33 18476.4 18504.6 0 66
18521.0 56 18507.3 18534.7 0 112
18551.5 61.25 18537.4 18565.6 0 122.5
18582.0 61 18568.3 18595.7 0 122
18612.5 62.75 18598.4 18626.6 0 125.5
18643.5 73.75 18629.4 18657.6 0 147.5
18673.0 57.5 18660.3 18685.7 0 115
18702.5 81.5 18688.4 18716.6 0 163
18733.0 71 18719.3 18746.7 0 142
18763.5 69.5 18749.4 18777.6 0 139
18794.0 67.75 18780.3 18807.7 0 135.5
18824.5 73.75 18810.4 18838.6 0 147.5
18855.5 73.75 18841.4 18869.6 0 147.5
18886.0 70.5 18872.3 18899.7 0 141
18916.5 72 18902.4 18930.6 0 144
18947.0 71.75 18933.3 18960.7 0 143.5
18977.5 65 18963.4 18991.6 0 130
19008.5 63.75 18994.4 19022.6 0 127.5
19038.0 52.5 19025.3 19050.7 0 105
19067.5 61.25 19053.4 19081.6 0 122.5
19098.0 59 19084.3 19111.7 0 118
19128.5 67.5 19114.4 19142.6 0 135
19159.0 57 19145.3 19172.7 0 114
19189.5 63.75 19175.4 19203.6 0 127.5
19220.5 66.25 19206.4 19234.6 0 132.5
19251.0 56.75 19237.3 19264.7 0 113.5
19281.5 64.5 19267.4 19295.6 0 129
19312.0 63 19298.3 19325.7 0 126
19342.5 66.25 19328.4 19356.6 0 132.5
19373.5 62.25 19359.4 19387.6 0 124.5
19403.0 59.75 19390.3 19415.7 0 119.5
19432.5 69.5 19418.4 19446.6 0 139
19463.0 71.25 19449.3 19476.7 0 142.5
19493.5 82 19479.4 19507.6 0 164
19524.0 76.5 19510.3 19537.7 0 153
19554.5 87.25 19540.4 19568.6 0 174.5
19585.5 94 19571.4 19599.6 0 188
19616.0 83.75 19602.3 19629.7 0 167.5
19646.5 85 19632.4 19660.6 0 170
19677.0 86.25 19663.3 19690.7 0 172.5
19707.5 80.25 19693.4 19721.6 0 160.5


17912.5 251.75 17898.4 17926.6 160.5 343
17942.0 303.75 17929.3 17954.7 216.5 391
17971.5 319.5 17957.4 17985.6 219 420
18002.0 280.25 17988.3 18015.7 186 374.5
18032.5 311.75 18018.4 18046.6 208 415.5
18063.0 301 18049.3 18076.7 203 399
18093.5 311.5 18079.4 18107.6 215.5 407.5
18124.5 337 18110.4 18138.6 226.5 447.5
18155.0 308.5 18141.3 18168.7 203 414
18185.5 321.25 18171.4 18199.6 221 421.5
18216.0 308.75 18202.3 18229.7 206.5 411
18246.5 315.25 18232.4 18260.6 214.5 416
18277.5 304.75 18263.4 18291.6 210.5 399
18307.5 287.25 18294.3 18320.7 198 376.5
18337.5 237.75 18323.4 18351.6 176 299.5
18368.0 78.75 18354.3 18381.7 61.5 96
18398.5 75.5 18384.4 18412.6 63 88
18429.0 78.5 18415.3 18442.7 62 95
18459.5 164.5 18445.4 18473.6 110 219
18490.5 134 18476.4 18504.6 66 202
18521.0 164.5 18507.3 18534.7 112 217
18551.5 177.25 18537.4 18565.6 122.5 232
18582.0 181 18568.3 18595.7 122 240
18612.5 181.5 18598.4 18626.6 125.5 237.5
18643.5 209.75 18629.4 18657.6 147.5 272
18673.0 178.25 18660.3 18685.7 115 241.5
18702.5 229.25 18688.4 18716.6 163 295.5
18733.0 203.5 18719.3 18746.7 142 265
18763.5 210.5 18749.4 18777.6 139 282
18794.0 203 18780.3 18807.7 135.5 270.5
18824.5 221.25 18810.4 18838.6 147.5 295
18855.5 208.25 18841.4 18869.6 147.5 269
18886.0 199.75 18872.3 18899.7 141 258.5
18916.5 206.75 18902.4 18930.6 144 269.5
18947.0 202.75 18933.3 18960.7 143.5 262
18977.5 193.5 18963.4 18991.6 130 257
19008.5 186.75 18994.4 19022.6 127.5 246
19038.0 157.5 19025.3 19050.7 105 210
19067.5 194.25 19053.4 19081.6 122.5 266
19098.0 176 19084.3 19111.7 118 234
19128.5 202 19114.4 19142.6 135 269
19159.0 174.75 19145.3 19172.7 114 235.5
19189.5 127.5 19175.4 19203.6 127.5 127.5
19220.5 132.5 19206.4 19234.6 132.5 132.5
19251.0 113.5 19237.3 19264.7 113.5 113.5
19281.5 129 19267.4 19295.6 129 129
19312.0 126 19298.3 19325.7 126 126
19342.5 132.5 19328.4 19356.6 132.5 132.5
19373.5 124.5 19359.4 19387.6 124.5 124.5
19403.0 119.5 19390.3 19415.7 119.5 119.5
19432.5 139 19418.4 19446.6 139 139
19463.0 142.5 19449.3 19476.7 142.5 142.5
19493.5 164 19479.4 19507.6 164 164
19524.0 153 19510.3 19537.7 153 153
19554.5 174.5 19540.4 19568.6 174.5 174.5
19585.5 188 19571.4 19599.6 188 188
19616.0 167.5 19602.3 19629.7 167.5 167.5
19646.5 170 19632.4 19660.6 170 170
19677.0 172.5 19663.3 19690.7 172.5 172.5
19707.5 160.5 19693.4 19721.6 160.5 160.5


17912.5 343 17898.4 17926.6 343 343
17942.0 391 17929.3 17954.7 391 391
17971.5 420 17957.4 17985.6 420 420
18002.0 374.5 17988.3 18015.7 374.5 374.5
18032.5 415.5 18018.4 18046.6 415.5 415.5
18063.0 399 18049.3 18076.7 399 399
18093.5 407.5 18079.4 18107.6 407.5 407.5
18124.5 447.5 18110.4 18138.6 447.5 447.5
18155.0 414 18141.3 18168.7 414 414
18185.5 421.5 18171.4 18199.6 421.5 421.5
18216.0 411 18202.3 18229.7 411 411
18246.5 416 18232.4 18260.6 416 416
18277.5 399 18263.4 18291.6 399 399
18307.5 376.5 18294.3 18320.7 376.5 376.5
18337.5 299.5 18323.4 18351.6 299.5 299.5
18368.0 96 18354.3 18381.7 96 96
18398.5 88 18384.4 18412.6 88 88
18429.0 95 18415.3 18442.7 95 95
18459.5 219 18445.4 18473.6 219 219
18490.5 202 18476.4 18504.6 202 202
18521.0 217 18507.3 18534.7 217 217
18551.5 232 18537.4 18565.6 232 232
18582.0 240 18568.3 18595.7 240 240
18612.5 237.5 18598.4 18626.6 237.5 237.5
18643.5 272 18629.4 18657.6 272 272
18673.0 241.5 18660.3 18685.7 241.5 241.5
18702.5 295.5 18688.4 18716.6 295.5 295.5
18733.0 265 18719.3 18746.7 265 265
18763.5 282 18749.4 18777.6 282 282
18794.0 270.5 18780.3 18807.7 270.5 270.5
18824.5 295 18810.4 18838.6 295 295
18855.5 269 18841.4 18869.6 269 269
18886.0 258.5 18872.3 18899.7 258.5 258.5
18916.5 269.5 18902.4 18930.6 269.5 269.5
18947.0 262 18933.3 18960.7 262 262
18977.5 257 18963.4 18991.6 257 257
19008.5 246 18994.4 19022.6 246 246
19038.0 210 19025.3 19050.7 210 210
19067.5 266 19053.4 19081.6 266 266
19098.0 234 19084.3 19111.7 234 234
19128.5 269 19114.4 19142.6 269 269
19159.0 235.5 19145.3 19172.7 235.5 235.5
19189.5 185.5 19175.4 19203.6 127.5 243.5
19220.5 195.75 19206.4 19234.6 132.5 259
19251.0 170.25 19237.3 19264.7 113.5 227
19281.5 193 19267.4 19295.6 129 257
19312.0 181.75 19298.3 19325.7 126 237.5
19342.5 185 19328.4 19356.6 132.5 237.5
19373.5 186 19359.4 19387.6 124.5 247.5
19403.0 178.75 19390.3 19415.7 119.5 238
19432.5 214.5 19418.4 19446.6 139 290
19463.0 219.75 19449.3 19476.7 142.5 297
19493.5 244.25 19479.4 19507.6 164 324.5
19524.0 233.75 19510.3 19537.7 153 314.5
19554.5 271.25 19540.4 19568.6 174.5 368
19585.5 271 19571.4 19599.6 188 354
19616.0 248.75 19602.3 19629.7 167.5 330
19646.5 256 19632.4 19660.6 170 342
19677.0 257.25 19663.3 19690.7 172.5 342
19707.5 252.75 19693.4 19721.6 160.5 345


17912.5 426.25 17898.4 17926.6 343 509.5
17942.0 473.25 17929.3 17954.7 391 555.5
17971.5 504.5 17957.4 17985.6 420 589
18002.0 463.75 17988.3 18015.7 374.5 553
18032.5 513.5 18018.4 18046.6 415.5 611.5
18063.0 495 18049.3 18076.7 399 591
18093.5 505.25 18079.4 18107.6 407.5 603
18124.5 549.75 18110.4 18138.6 447.5 652
18155.0 510.5 18141.3 18168.7 414 607
18185.5 514 18171.4 18199.6 421.5 606.5
18216.0 506 18202.3 18229.7 411 601
18246.5 507.75 18232.4 18260.6 416 599.5
18277.5 491 18263.4 18291.6 399 583
18307.5 456.5 18294.3 18320.7 376.5 536.5
18337.5 363.25 18323.4 18351.6 299.5 427
18368.0 114.5 18354.3 18381.7 96 133
18398.5 106.5 18384.4 18412.6 88 125
18429.0 112.25 18415.3 18442.7 95 129.5
18459.5 282.25 18445.4 18473.6 219 345.5
18490.5 264.5 18476.4 18504.6 202 327
18521.0 279.75 18507.3 18534.7 217 342.5
18551.5 293.25 18537.4 18565.6 232 354.5
18582.0 301.75 18568.3 18595.7 240 363.5
18612.5 303.25 18598.4 18626.6 237.5 369
18643.5 327 18629.4 18657.6 272 382
18673.0 305.5 18660.3 18685.7 241.5 369.5
18702.5 361 18688.4 18716.6 295.5 426.5
18733.0 332.75 18719.3 18746.7 265 400.5
18763.5 346.25 18749.4 18777.6 282 410.5
18794.0 332.25 18780.3 18807.7 270.5 394
18824.5 362.5 18810.4 18838.6 295 430
18855.5 331.75 18841.4 18869.6 269 394.5
18886.0 321.5 18872.3 18899.7 258.5 384.5
18916.5 335.5 18902.4 18930.6 269.5 401.5
18947.0 323.25 18933.3 18960.7 262 384.5
18977.5 322.25 18963.4 18991.6 257 387.5
19008.5 311.75 18994.4 19022.6 246 377.5
19038.0 265.75 19025.3 19050.7 210 321.5
19067.5 333.25 19053.4 19081.6 266 400.5
19098.0 296.5 19084.3 19111.7 234 359
19128.5 328.5 19114.4 19142.6 269 388
19159.0 292.25 19145.3 19172.7 235.5 349
19189.5 303 19175.4 19203.6 243.5 362.5
19220.5 315.5 19206.4 19234.6 259 372
19251.0 277.25 19237.3 19264.7 227 327.5
19281.5 315.25 19267.4 19295.6 257 373.5
19312.0 285.75 19298.3 19325.7 237.5 334
19342.5 296 19328.4 19356.6 237.5 354.5
19373.5 312.25 19359.4 19387.6 247.5 377
19403.0 298.25 19390.3 19415.7 238 358.5
19432.5 364.25 19418.4 19446.6 290 438.5
19463.0 369.25 19449.3 19476.7 297 441.5
19493.5 395.75 19479.4 19507.6 324.5 467
19524.0 389.25 19510.3 19537.7 314.5 464
19554.5 451.25 19540.4 19568.6 368 534.5
19585.5 435.5 19571.4 19599.6 354 517
19616.0 407.75 19602.3 19629.7 330 485.5
19646.5 428.25 19632.4 19660.6 342 514.5
19677.0 424 19663.3 19690.7 342 506
19707.5 427.25 19693.4 19721.6 345 509.5


EOD
set yrange [0:800]
set ytics ('0' 0, '200' 200, '400' 400, '600' 600, '800' 800)
unset key
set object rect from screen 0.2940, screen 0.0875 to screen 0.3143, screen 0.1069 fc rgb "#0072B2" fs solid 1 noborder front
set label 'IOM' at screen 0.3205, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.3711, screen 0.0875 to screen 0.3914, screen 0.1069 fc rgb "#009E73" fs solid 1 noborder front
set label 'ERRIN' at screen 0.3976, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.4638, screen 0.0875 to screen 0.4841, screen 0.1069 fc rgb "#CC79A7" fs solid 1 noborder front
set label 'Frontex' at screen 0.4904, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.5673, screen 0.0875 to screen 0.5876, screen 0.1069 fc rgb "#999999" fs solid 1 noborder front
set label 'No reintegration provider' at screen 0.5938, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
plot $bars index 0 using 1:2:3:4:5:6 with boxxyerror lc rgb "#0072B2" notitle, \
     $bars index 1 using 1:2:3:4:5:6 with boxxyerror lc rgb "#009E73" notitle, \
     $bars index 2 using 1:2:3:4:5:6 with boxxyerror lc rgb "#CC79A7" notitle, \
     $bars index 3 using 1:2:3:4:5:6 with boxxyerror lc rgb "#999999" notitle
unset output
