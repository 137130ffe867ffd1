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
17912.5 27.74974353 48.99942832 81.58924472 151.9798565 236.5678231
17942 27.7148702 60.19344278 114.9231754 202.8321659 470.4220693
17971.5 28.88147224 53.30337958 108.4479032 207.1567294 565.436354
18002 26.65680874 47.35197336 95.90743114 189.5458996 304.780085
18032.5 25.71776475 51.57079121 99.32512198 178.651604 326.5100945
18063 27.0744082 47.98550226 97.39296772 174.2965678 357.9733608
18093.5 29.51333226 56.09929488 104.3696156 177.5433711 388.0939777
18124.5 27.82171946 52.28053902 100.7055927 178.5645255 415.0749466
18155 28.27972278 52.33802056 99.57657481 172.7448413 436.0066915
18185.5 29.28646002 54.2114876 107.4105031 181.3725198 466.1518697
18216 30.48643544 56.72508459 103.2242872 184.8163438 493.985793
18246.5 27.78664527 50.7553228 100.638255 174.9335977 522.3765614
18277.5 30.00120433 55.55321486 102.5441361 178.4977774 382.3276355
18307.5 32.38570024 60.84932203 112.3200927 184.7497427 386.5133649
18337.5 33.95989129 70.80400841 122.0433237 199.7205808 416.1481699
18368 49.89345925 82.64337599 140.2039608 238.2913132 626.7528882
18398.5 68.39432685 109.1014412 186.1597832 311.6762634 577.8493934
18429 62.21502646 106.5453329 189.5746468 278.3777994 498.4526029
18459.5 44.88750144 81.38498407 153.1315646 259.4094992 502.8480094
18490.5 30.4151954 57.62714321 103.9678154 186.4442391 448.0530202
18521 28.80890897 54.47094145 106.6381901 188.2672977 414.795122
18551.5 28.55040896 54.26665425 113.7212232 209.0895231 500.0143506
18582 28.4916032 56.49321754 115.7352077 228.0047733 535.7209205
18612.5 26.52058011 54.58840413 114.9307664 218.5128132 524.9296217
18643.5 28.13017731 55.83414674 111.5787098 204.9521716 546.2152995
18673 32.54238985 60.19980427 116.354797 197.829709 495.5369816
18702.5 31.60002488 55.12430194 106.3123465 188.2627069 506.2164082
18733 30.47935382 61.60291988 110.6475389 210.5118365 566.2481314
18763.5 31.88551263 57.40650621 110.0149877 186.5438078 533.2437809
18794 33.56908915 63.86658242 113.3157933 236.2306778 571.1137069
18824.5 31.92050922 57.09478126 105.4508159 191.2927888 530.1311184
18855.5 31.10298503 56.54993822 110.9223411 202.1967147 482.7766161
18886 31.96923742 60.64042537 110.5476184 202.5003289 625.2279802
18916.5 31.45177269 59.4749898 114.9436194 206.8661862 568.1745954
18947 29.5090061 55.13302761 108.3595994 194.630814 532.5534454
18977.5 30.65143359 56.53593628 102.438715 185.9042391 511.8062617
19008.5 30.14473687 58.30080711 113.0984981 229.4617103 592.7446067
19038 29.33252171 54.70395451 101.3470865 196.1816734 512.6190804
19067.5 26.93139432 53.25170465 107.4065681 193.8890592 509.3583888
19098 30.84982067 64.40519389 117.6611637 211.1439438 588.9824405
19128.5 26.59452435 56.98326166 117.184399 203.0165436 517.9024751
19159 27.81465952 57.28992623 107.069418 190.985241 493.2880791
19189.5 30.74942898 61.27885581 127.1717924 235.0239995 618.1865024
19220.5 29.37291555 55.49322119 110.1273641 212.4119447 596.5112255
19251 28.8456245 50.36933891 117.8586841 202.0605605 587.0563009
19281.5 26.53192021 49.4916461 102.0860667 183.4289373 517.5953213
19312 27.6453933 53.94729485 106.5993212 193.4086702 483.7331835
19342.5 28.91730243 55.6779987 110.0810343 215.6596225 585.7983961
19373.5 24.64594152 50.5927553 111.8957752 218.7233673 576.167843
19403 24.51164382 42.94434349 102.5938511 191.7775473 536.4827465
19432.5 24.76553916 44.10932547 89.3278918 188.1280108 516.2660434
19463 28.86273959 51.83371442 95.28205196 179.193334 479.159665
19493.5 27.92107822 58.63551584 104.2805025 192.9822624 521.2604501
19524 27.94336075 54.65652312 102.9003193 177.1366315 490.2785963
19554.5 28.69320229 57.53065606 109.4857605 174.7865334 450.0906009
19585.5 29.02626231 58.37341048 110.4491018 187.7436171 546.4001533
19616 30.27285747 58.36259846 112.8592358 185.3039047 471.7746513
19646.5 26.60464009 53.24416353 109.0274984 186.676216 516.2601145
19677 29.72818283 57.47825196 108.2512873 181.645005 472.5519315
19707.5 27.35716361 54.70095513 106.9869125 185.8170391 459.6950233
19738.5 29.86637366 60.15825193 113.7477143 196.2925589 575.0973403
19768.5 29.094008 60.15813654 119.0086417 198.9692973 495.4767901
19798.5 31.21184591 57.1804445 112.1673861 201.4049706 470.4037203
19829 28.17226555 51.62989382 115.0774679 190.0322699 428.861465
19859.5 31.31503309 58.21107943 109.4194528 201.533309 514.5832331
19890 28.93703333 55.76915042 109.7874583 205.2287585 475.2172213
19920.5 30.12331735 56.84718723 113.02412 200.6883994 487.6822674
19951.5 26.9412156 56.32301625 107.5028534 198.4042073 551.6376051
19982 27.42979177 54.99602216 106.1539159 192.3645684 508.1221484
20012.5 28.15548345 50.4745471 100.9530346 184.6092969 516.899843
20043 30.15459078 58.38329167 113.0558616 206.951699 557.3501446
20073.5 29.28293891 58.45455777 112.4037957 196.053389 487.1648087
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
