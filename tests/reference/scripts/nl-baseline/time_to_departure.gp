set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'time_to_departure.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set label 'Time from entry to departure, by month of departure' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Netherlands baseline 2019-2023 · verified departures · every simulated case, all replications pooled' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
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
set arrow from first 18337, screen 0.6042 to first 18444, screen 0.6042 nohead lw 5 lc rgb "#8c8c8c"
set label 'Talks cut' at first 18337, screen 0.6222 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18339, screen 0.6514 to first 18444, screen 0.6514 nohead lw 5 lc rgb "#8c8c8c"
set label 'Dublin stop' at first 18339, screen 0.6694 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18444, screen 0.6986 to first 18628, screen 0.6986 nohead lw 5 lc rgb "#8c8c8c"
set label 'Dublin 58%' at first 18444, screen 0.7167 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18336, screen 0.7458 to first 18444, screen 0.7458 nohead lw 5 lc rgb "#8c8c8c"
set label 'Flights -85%' at first 18336, screen 0.7639 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18444, screen 0.7931 to first 18809, screen 0.7931 nohead lw 5 lc rgb "#8c8c8c"
set label 'Flights 50%' at first 18444, screen 0.8111 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18628, screen 0.6042 to first 19053, screen 0.6042 nohead lw 5 lc rgb "#8c8c8c"
set label 'Tests refused' at first 18628, screen 0.6222 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18262, screen 0.8403 to first 18628, screen 0.8403 nohead lw 5 lc rgb "#8c8c8c"
set label 'MA: no LP' at first 18262, screen 0.8583 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18336, screen 0.6514 to first 18458, screen 0.6514 nohead lw 5 lc rgb "#8c8c8c"
set label 'MA border' at first 18336, screen 0.6694 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18719, screen 0.6514 to first 19310, screen 0.6514 nohead lw 5 lc rgb "#8c8c8c"
set label 'MA: no removal' at first 18719, screen 0.6694 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18921, screen 0.6986 to first 19031, screen 0.6986 nohead lw 5 lc rgb "#8c8c8c"
set label 'MA flight ban' at first 18921, screen 0.7167 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18338, screen 0.7458 to first 18779, screen 0.7458 nohead lw 5 lc rgb "#8c8c8c"
set label 'DZ border' at first 18338, screen 0.7639 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18887, graph 0 to first 18887, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18887, screen 0.7458 to first 19723, screen 0.7458 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'DZ: no removal' at first 18887, screen 0.7639 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18344, screen 0.7931 to first 18590, screen 0.7931 nohead lw 5 lc rgb "#8c8c8c"
set label 'NG airports' at first 18344, screen 0.8111 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18850, graph 0 to first 18850, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18850, screen 0.7931 to first 19723, screen 0.7931 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'AF moratorium' at first 18850, screen 0.8111 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18993, graph 0 to first 18993, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 18993, screen 0.8403 to first 19723, screen 0.8403 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Less absconding' at first 18993, screen 0.8583 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18262, screen 0.6042 to first 18628, screen 0.6042 nohead lw 5 lc rgb "#8c8c8c"
set label 'Mix 2020' at first 18262, screen 0.6222 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18628, screen 0.6986 to first 18993, screen 0.6986 nohead lw 5 lc rgb "#8c8c8c"
set label 'Mix 2021' at first 18628, screen 0.7167 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 18993, screen 0.8403 to first 19358, screen 0.8403 nohead lw 5 lc rgb "#8c8c8c"
set label 'Mix 2022' at first 18993, screen 0.8583 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 19358, graph 0 to first 19358, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 19358, screen 0.6042 to first 19723, screen 0.6042 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Mix 2023' at first 19358, screen 0.6222 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 19174, graph 0 to first 19174, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 19174, screen 0.6986 to first 19723, screen 0.6986 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'Frontex' at first 19174, screen 0.7167 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set lmargin at screen 0.0900
set rmargin at screen 0.9750
set tmargin at screen 0.5806
set bmargin at screen 0.2292
set xrange [17897:19723]
set xtics ("" 17897, "" 17987 1, "" 18078 1, "" 18170 1, "" 18262, "" 18353 1, "" 18444 1, "" 18536 1, "" 18628, "" 18718 1, "" 18809 1, "" 18901 1, "" 18993, "" 19083 1, "" 19174 1, "" 19266 1, "" 19358, "" 19448 1, "" 19539 1, "" 19631 1, "" 19723)
set label "2019" at first 18079, graph 0 center offset 0,-1.1 font ",14"
set label "2020" at first 18445, graph 0 center offset 0,-1.1 font ",14"
set label "2021" at first 18810, graph 0 center offset 0,-1.1 font ",14"
set label "2022" at first 19175, graph 0 center offset 0,-1.1 font ",14"
set label "2023" at first 19540, graph 0 center offset 0,-1.1 font ",14"
set label 'Month of departure' at screen 0.5325, screen 0.1486 center font "Sans,13" textcolor rgb "#333333"
set label 'Days from entering the caseload to departure' at screen 0.018, screen 0.4049 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$t << EOD
17912.5 21.59448102 39.5045 63.47782425 109.4310321 161.8643497
17942 28.40466802 63.124389 122.8489506 216.9737734 481.8806939
17971.5 28.15580229 58.23443331 117.9214529 208.4861035 522.1475518
18002 28.28523308 54.12079657 105.3488467 194.3993537 376.0537111
18032.5 24.32742363 50.02125478 95.61623679 179.0457218 333.8633761
18063 26.95322115 50.35003317 98.4466956 165.373517 354.2511699
18093.5 27.25476914 52.94400761 99.80706306 169.58354 380.9239578
18124.5 26.35854271 53.73893272 103.316811 180.8130243 417.0018578
18155 28.31257132 53.62654873 100.0522809 169.7196618 439.5170674
18185.5 26.90139559 51.90637268 103.9968338 176.1158911 464.7342146
18216 27.94266722 56.46207844 109.5865647 191.0196307 494.1853421
18246.5 27.08857961 51.29899278 100.7864244 181.4441196 461.0171246
18277.5 31.23248592 58.58872813 109.1162631 193.7153618 412.4078484
18307.5 35.84902844 61.14165301 106.4470101 179.8089942 464.9396066
18337.5 34.11930857 74.5451802 125.5264687 199.414421 423.7000003
18368 50.24203631 88.3722274 153.1520256 222.1467195 468.8752536
18398.5 73.00335027 117.5529277 170.0243324 242.0751874 459.0219402
18429 74.809387 125.4388801 195.2833341 298.374631 581.9923057
18459.5 46.13834204 80.12079017 142.0810238 243.6474429 461.6168662
18490.5 30.99900362 49.98198574 95.75455533 183.991059 389.7334233
18521 28.22582525 57.15497849 107.8937459 190.1153185 445.7229189
18551.5 31.93249304 63.42080634 126.0522564 217.4747711 478.8495226
18582 30.55749119 58.50736781 115.7192169 211.2366831 462.3783959
18612.5 30.89709499 55.95148482 127.6434001 222.4820079 499.2422712
18643.5 30.955429 55.4586469 102.6148514 194.0195874 524.0256397
18673 30.61820316 56.11619445 113.4302393 190.3569214 490.1725838
18702.5 33.1452092 60.85034798 121.3445502 204.4169982 505.1701097
18733 30.32522431 57.46622562 113.5331193 201.0734462 511.54793
18763.5 32.64414631 58.69391776 112.493615 196.3288594 399.5418306
18794 36.39079616 63.45388056 113.6917883 198.8521558 539.7932985
18824.5 30.25524732 58.13424261 107.7333485 194.8169359 505.8482858
18855.5 28.18627341 53.37024632 107.0231427 206.1924723 557.3720593
18886 33.75197822 62.98623311 119.3019889 203.9584241 532.4372808
18916.5 30.16660281 56.26914994 114.3757995 205.0657095 497.3490341
18947 29.43920748 55.82386992 110.8541318 202.957929 512.5603146
18977.5 28.92749647 57.5460768 109.8475154 194.7603212 486.4737444
19008.5 28.71890977 56.49863437 113.6455228 190.0958913 499.9557532
19038 31.62018722 55.72354607 106.6184386 198.6055145 522.4301407
19067.5 27.06201269 53.28607586 108.9802956 187.5994598 482.0522414
19098 26.57601918 50.91463607 105.9235719 183.0319889 422.2397519
19128.5 28.30279802 58.41299594 117.9088425 205.2227223 490.6709781
19159 24.51189988 48.6035585 106.2722711 192.403505 482.2019701
19189.5 25.92291286 55.1852509 115.8747084 212.2535878 575.6616762
19220.5 29.33644553 53.59919112 112.8365634 209.1708996 565.2971962
19251 26.92999701 56.03534091 116.4048978 205.2602089 543.1732917
19281.5 28.06759198 54.88133904 108.1189037 213.7207195 614.0774065
19312 30.95909621 54.91944098 110.9294476 198.1558699 495.0092387
19342.5 29.49930025 56.19098661 117.8616182 214.8492764 501.961828
19373.5 27.54957532 50.26475634 108.003971 199.6408991 498.9018573
19403 24.62912148 49.63106928 109.3005432 216.1034412 518.7608115
19432.5 22.81099529 46.18826272 92.34927065 188.0538513 504.6724758
19463 25.59503724 51.16902184 93.3442874 187.7069493 444.6420834
19493.5 26.04979528 51.6687295 97.75831016 172.7323089 460.8329525
19524 29.06412828 51.85529785 102.2022176 166.8847742 422.3323603
19554.5 26.61900884 57.72076742 98.87435607 165.6057793 414.3762896
19585.5 30.01856229 56.24972761 101.1270279 181.9978922 488.8452918
19616 28.9733844 56.8650208 112.283796 190.7279452 413.3692714
19646.5 27.42163023 53.03598647 103.6952558 185.0468409 457.8790568
19677 28.67992305 55.9350266 109.0339056 186.5248098 452.1588751
19707.5 25.98684943 54.10789499 109.8332807 191.9486551 499.7778853
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
