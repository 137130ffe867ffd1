set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'time_to_departure.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set label 'Time from entry to departure, by month of departure' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Netherlands baseline 2019-2024 · verified departures · every simulated case, all replications pooled' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario nl-baseline · 2 replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Sources: DT&V Vertrekcijfers and Instroom- en vertrekcijfers; IOM NL; rrsim nl-baseline' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set object rect from first 18262, graph 0 to first 18336, graph 1 fc rgb "#efefef" fs solid 1 noborder behind
set object rect from first 18336, graph 0 to first 18337, graph 1 fc rgb "#d5d5d5" fs solid 1 noborder behind
set object rect from first 18337, graph 0 to first 18338, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18338, graph 0 to first 18339, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18339, graph 0 to first 18344, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18344, graph 0 to first 18444, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18444, graph 0 to first 18458, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18458, graph 0 to first 18590, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18590, graph 0 to first 18628, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18628, graph 0 to first 18719, graph 1 fc rgb "#d5d5d5" fs solid 1 noborder behind
set object rect from first 18719, graph 0 to first 18779, graph 1 fc rgb "#c8c8c8" fs solid 1 noborder behind
set object rect from first 18779, graph 0 to first 18809, graph 1 fc rgb "#d5d5d5" fs solid 1 noborder behind
set object rect from first 18809, graph 0 to first 18921, graph 1 fc rgb "#e2e2e2" fs solid 1 noborder behind
set object rect from first 18921, graph 0 to first 19031, graph 1 fc rgb "#d5d5d5" fs solid 1 noborder behind
set object rect from first 19031, graph 0 to first 19053, graph 1 fc rgb "#e2e2e2" fs solid 1 noborder behind
set object rect from first 19053, graph 0 to first 19310, graph 1 fc rgb "#efefef" fs solid 1 noborder behind
set arrow from first 18337, screen 0.6685 to first 18444, screen 0.6685 nohead lw 5 lc rgb "#8c8c8c"
set label 'Talks cut' at first 18337, screen 0.6824 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18339, screen 0.7408 to first 18444, screen 0.7408 nohead lw 5 lc rgb "#8c8c8c"
set label 'Dublin stop' at first 18339, screen 0.7546 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18444, screen 0.8130 to first 18628, screen 0.8130 nohead lw 5 lc rgb "#8c8c8c"
set label 'Dublin 58%' at first 18444, screen 0.8268 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18336, screen 0.5963 to first 18444, screen 0.5963 nohead lw 5 lc rgb "#8c8c8c"
set label 'Flights -85%' at first 18336, screen 0.6101 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18444, screen 0.8491 to first 18809, screen 0.8491 nohead lw 5 lc rgb "#8c8c8c"
set label 'Flights 50%' at first 18444, screen 0.8629 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18628, screen 0.5963 to first 19053, screen 0.5963 nohead lw 5 lc rgb "#8c8c8c"
set label 'COVID tests refused' at first 18628, screen 0.6101 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18262, screen 0.5602 to first 18628, screen 0.5602 nohead lw 5 lc rgb "#8c8c8c"
set label 'Morocco: no travel papers' at first 18262, screen 0.5740 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18336, screen 0.6324 to first 18458, screen 0.6324 nohead lw 5 lc rgb "#8c8c8c"
set label 'Morocco border shut' at first 18336, screen 0.6462 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18719, screen 0.5602 to first 19310, screen 0.5602 nohead lw 5 lc rgb "#8c8c8c"
set label 'Morocco: no removals' at first 18719, screen 0.5740 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18921, screen 0.7047 to first 19031, screen 0.7047 nohead lw 5 lc rgb "#8c8c8c"
set label 'Morocco flight ban' at first 18921, screen 0.7185 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18338, screen 0.7047 to first 18779, screen 0.7047 nohead lw 5 lc rgb "#8c8c8c"
set label 'Algeria border shut' at first 18338, screen 0.7185 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18887, graph 0 to first 18887, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18887, screen 0.6685 to first 20089, screen 0.6685 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Algeria: no removals' at first 18887, screen 0.6824 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18344, screen 0.7769 to first 18590, screen 0.7769 nohead lw 5 lc rgb "#8c8c8c"
set label 'Nigeria airports shut' at first 18344, screen 0.7907 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18850, graph 0 to first 18850, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18850, screen 0.6324 to first 20089, screen 0.6324 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Afghanistan: no removals' at first 18850, screen 0.6462 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 19047, graph 0 to first 19047, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 19047, screen 0.7769 to first 20089, screen 0.7769 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'War in Ukraine' at first 19047, screen 0.7907 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18993, graph 0 to first 18993, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18993, screen 0.7408 to first 20089, screen 0.7408 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Less absconding' at first 18993, screen 0.7546 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 19174, graph 0 to first 19174, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 19174, screen 0.5963 to first 20089, screen 0.5963 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Frontex' at first 19174, screen 0.6101 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set lmargin at screen 0.0900
set rmargin at screen 0.9750
set tmargin at screen 0.5389
set bmargin at screen 0.2292
set xrange [17897:20089]
set xtics ("" 17897, "" 17987 1, "" 18078 1, "" 18170 1, "" 18262, "" 18353 1, "" 18444 1, "" 18536 1, "" 18628, "" 18718 1, "" 18809 1, "" 18901 1, "" 18993, "" 19083 1, "" 19174 1, "" 19266 1, "" 19358, "" 19448 1, "" 19539 1, "" 19631 1, "" 19723, "" 19814 1, "" 19905 1, "" 19997 1, "" 20089)
set label "2019" at first 18079, graph 0 center offset 0,-1.1 font ",14"
set label "2020" at first 18445, graph 0 center offset 0,-1.1 font ",14"
set label "2021" at first 18810, graph 0 center offset 0,-1.1 font ",14"
set label "2022" at first 19175, graph 0 center offset 0,-1.1 font ",14"
set label "2023" at first 19540, graph 0 center offset 0,-1.1 font ",14"
set label "2024" at first 19906, graph 0 center offset 0,-1.1 font ",14"
set label 'Month of departure' at screen 0.5325, screen 0.1486 center font "Sans,13" textcolor rgb "#333333"
set label 'Days from entering the caseload to departure' at screen 0.018, screen 0.3840 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$t << EOD
17912.5 28.54000264 49 85.61604309 155.1814593 229.9217081
17942 27.01417979 57.63589149 117.6607138 191.2271149 454.2020454
17971.5 27.87166585 52.11914136 104.6350435 190.7372615 281.1531418
18002 25.69920452 49.48622991 98.59911123 191.7300876 564.2327203
18032.5 26.41434003 52.55959499 101.43126 186.6181616 342.1682052
18063 28.73080939 53.84975015 101.2264422 176.8602219 361.1235867
18093.5 28.78969712 52.26888142 100.7320955 174.4396185 384.516288
18124.5 28.36643433 51.56337276 102.6445796 176.8009466 411.6753442
18155 25.86107194 50.95578232 94.97537718 168.9274888 431.6341566
18185.5 28.36815883 55.35580619 103.722143 174.3450719 456.7418012
18216 27.6022911 53.18865562 103.7107908 177.6929169 472.5009669
18246.5 29.38804514 54.33467247 109.3576145 180.4857403 358.3207418
18277.5 28.66502149 52.17114063 102.2803975 179.3030844 330.1919264
18307.5 32.6543214 62.90916824 114.1930183 189.5129957 396.4538649
18337.5 35.38426267 70.12512094 120.2966227 187.3598971 405.8526412
18368 48.73315519 91.36052959 144.0549314 268.9603976 648.4135545
18398.5 76.052242 123.4641365 190.0554984 281.9127959 690.2584466
18429 66.25952736 122.1445517 200.9909092 257.233103 537.6733352
18459.5 43.01757567 69.80342747 131.3801176 232.8073897 458.6300033
18490.5 28.54555833 55.1690956 99.10640416 177.552777 449.0194287
18521 28.37357975 57.03602486 108.6699086 212.5032508 477.7282974
18551.5 27.05884493 53.56003213 110.8929088 215.0985176 498.309966
18582 27.49422351 53.54079756 116.5726734 210.1906977 476.3901137
18612.5 28.87951847 57.35876585 111.8728131 219.1927252 532.8784357
18643.5 31.43596967 60.21501263 122.4569458 219.6978421 601.2330262
18673 29.83845416 60.86271953 118.7518341 189.9750748 487.6647413
18702.5 34.94161214 67.24647052 116.0675077 201.5197877 497.120193
18733 28.87439254 60.90016052 113.8982452 193.6894987 516.7416306
18763.5 28.96009629 57.61728991 104.4084633 198.0076986 501.1658019
18794 30.082978 57.09016211 110.7204234 198.0817048 569.4891889
18824.5 33.00332591 66.10809227 116.7042689 205.7315898 571.3700616
18855.5 30.41932348 61.57007925 113.30908 204.564458 553.6209537
18886 31.20687005 58.75180056 112.2368445 200.7339367 586.5058597
18916.5 29.08508828 57.61646015 116.4069541 210.2698707 560.8565107
18947 30.48926612 56.68871005 113.8517704 204.9215618 550.9524909
18977.5 27.72233365 56.76294366 102.7858788 201.8949326 501.8234203
19008.5 31.59866952 57.46750662 111.0153959 206.4150018 621.600672
19038 29.72786884 53.5028498 102.7015993 195.9758278 549.237978
19067.5 26.03231836 55.32720999 108.896966 184.7993325 416.4735421
19098 28.57945267 57.25701044 119.4564295 198.0467468 491.3237462
19128.5 29.88464793 58.49806921 117.0347623 206.2555536 526.9531712
19159 26.24223993 53.92242392 111.0134986 208.6330323 620.7253006
19189.5 30.0214762 56.43351738 114.5690989 213.9429453 580.9645487
19220.5 27.9080014 49.95558606 101.8812152 190.0240358 530.4739104
19251 26.7953788 48.88638676 110.5469216 190.4825012 586.3482027
19281.5 27.00914844 52.67752224 103.9590769 194.4298096 545.3068569
19312 27.185488 49.03027026 104.5467413 206.8969439 534.2938503
19342.5 27.10348974 54.17286061 106.9900627 211.3886967 555.3321572
19373.5 24.18489379 46.85091974 109.4578081 219.2905354 519.305061
19403 25.21077546 48.02208505 111.0809027 232.9130566 542.7625689
19432.5 27.45443553 46.89793569 92.27337511 189.1678311 484.1374882
19463 26.04513565 51.48699016 91.31025017 193.591533 548.4837252
19493.5 26.47411317 52.15212831 100.9502416 168.858524 413.6223855
19524 29.20223641 53.61751054 98.83828173 168.8303756 410.1935059
19554.5 26.97666032 56.3934727 104.810128 180.8453422 496.7016187
19585.5 28.36728056 57.43084249 108.0246017 185.2681335 500.0863885
19616 30.18124476 57.59348334 107.2522087 182.277345 505.0887237
19646.5 26.31530132 53.70991578 107.396811 183.8239066 469.0901165
19677 30.29422257 55.94968199 111.5488494 199.5292456 518.4732826
19707.5 30.78299569 61.0203464 107.5860529 193.9760069 470.6544531
19738.5 29.24010908 55.27517991 114.0715435 208.1953905 530.6871024
19768.5 28.99260779 54.84797197 115.3788677 203.5046569 519.7179908
19798.5 29.11248925 59.1770197 118.6091383 206.2113711 478.2118238
19829 29.57631529 59.37182192 115.3396033 203.0908562 490.0372916
19859.5 24.91084536 54.44555563 108.8333419 184.64824 459.9249999
19890 31.33562712 57.34821796 114.2210948 205.0873834 476.3311485
19920.5 26.9110915 56.30317161 110.5732473 188.5963544 481.1849577
19951.5 30.26644377 56.88386946 115.7498124 219.1685231 569.9542941
19982 29.37321099 62.55981977 117.0448398 206.3519483 507.8683303
20012.5 28.79012946 58.3531403 113.1101126 200.4716127 509.112894
20043 28.62340652 58.43919575 116.0874493 201.5416439 531.3496869
20073.5 28.13975558 59.05489583 113.2716855 207.4574203 510.7427007
EOD
set yrange [0:800]
set ytics ('0' 0, '200' 200, '400' 400, '600' 600, '800' 800)
unset key
set arrow from screen 0.2428, screen 0.0972 to screen 0.2631, screen 0.0972 nohead lw 2.5 lc rgb "#0072B2"
set label 'Median' at screen 0.2694, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.3435, screen 0.0875 to screen 0.3639, screen 0.1069 fc rgb "#7fbddf" fs solid 1 noborder front
set label 'Middle half of departures (25–75%)' at screen 0.3701, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.6405, screen 0.0875 to screen 0.6608, screen 0.1069 fc rgb "#c4e5f7" fs solid 1 noborder front
set label '10–90% of departures' at screen 0.6670, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
plot $t using 1:2:6 with filledcurves fc rgb "#c4e5f7" fs solid 1 notitle, \
     $t using 1:3:5 with filledcurves fc rgb "#7fbddf" fs solid 1 notitle, \
     $t using 1:4 with lines lw 2.5 lc rgb "#0072B2" notitle
unset output
