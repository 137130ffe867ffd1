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
set label 'Days from entering the caseload to departure' at screen 0.018, screen 0.3840 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$t << EOD
17912.5 28.0840694 49 82.19247188 153.625054 232.3423078
17942 25.8391689 55.00142082 112.9102223 193.2908022 504.1972006
17971.5 25.01975951 51.01955489 101.3313532 199.3938424 448.14363
18002 29.64107086 54.06651666 101.2628875 205.9249482 577.2267764
18032.5 28.37116311 55.12078088 100.0674128 186.6093387 331.8685543
18063 26.9003083 53.21275872 102.5611633 179.5195048 364.0828537
18093.5 28.73407822 53.22075341 97.21102496 171.3712302 384.6853638
18124.5 26.8019707 50.57389757 99.27278816 167.837892 411.2038993
18155 28.50758125 53.95626456 102.1586885 178.9212434 443.2785899
18185.5 28.54992805 53.10439346 103.5823822 181.3092198 472.1947507
18216 29.2183253 55.14664973 105.4588024 180.0042641 445.4934345
18246.5 28.85253016 53.52495053 103.0672068 186.3942652 388.2679877
18277.5 28.9317361 53.24938619 105.134332 178.3590824 466.3701422
18307.5 35.72349912 63.7897696 114.9540972 194.0734322 390.3738279
18337.5 34.0560352 71.51587126 121.6495159 198.0646786 404.956836
18368 50.84559898 99.81676507 155.4119885 264.8909725 656.9955597
18398.5 66.25869144 106.5495796 165.2103612 262.7087877 679.7507474
18429 77.82849255 118.5471606 187.5454903 274.2502433 536.5881124
18459.5 43.60178776 73.58824539 126.8941536 226.1719703 374.5467487
18490.5 32.76075228 54.86420144 105.8852782 175.4454868 370.4868641
18521 30.50565646 57.59061917 112.2767859 205.9482628 445.2046845
18551.5 34.0389216 63.1375365 121.0465878 209.2102357 499.6348279
18582 27.18722887 54.1926694 115.7150351 208.9445313 536.2893149
18612.5 29.53739739 57.15351284 113.2767148 229.5988932 572.225045
18643.5 33.04548263 62.38906663 117.6853274 206.4658845 461.6424031
18673 29.5561163 56.73849475 111.3069958 203.5386215 560.6327987
18702.5 30.96042093 59.88889898 117.8913998 205.2367985 524.774378
18733 34.91516634 61.046837 113.8060097 206.48076 513.1457205
18763.5 31.38616172 56.44060648 111.8184904 202.3082672 523.1688762
18794 29.41833565 55.53502847 105.491361 189.8119605 485.1628723
18824.5 26.65147124 53.51029361 112.4858103 208.2029407 529.0115322
18855.5 31.88825312 60.94543807 114.6907249 201.7994551 592.7298268
18886 30.78871681 61.46072302 117.0717494 207.8185389 517.3755017
18916.5 35.97402223 61.17163615 117.5629708 209.5436416 510.4907933
18947 27.81329692 54.94904202 106.1732243 203.7987707 507.4573049
18977.5 27.73292793 52.50306935 101.3007112 191.8839906 486.6478801
19008.5 30.56113034 56.89486753 104.1126258 196.4421551 491.9159181
19038 30.53528593 55.28593655 106.2575881 193.7677381 507.0863469
19067.5 28.52322845 53.80435478 103.1367898 195.0953254 458.9887972
19098 29.81809146 56.27157468 112.9450911 205.2962054 530.2764917
19128.5 29.79027408 53.47868484 110.1240243 200.8183464 486.1643581
19159 28.89740743 57.04024809 113.5621179 201.0002572 540.1493516
19189.5 28.79538062 53.67736707 111.5940005 216.2937577 588.9271882
19220.5 26.04603812 48.50523681 110.3037833 217.0412094 552.0348104
19251 31.53542734 60.47812591 114.7411528 227.4562421 608.5722084
19281.5 26.52303543 51.96607036 108.8895967 206.1281872 534.6521907
19312 28.78705679 53.70051845 116.0047717 229.5786431 560.687025
19342.5 27.11092023 53.90394237 109.309183 224.2153373 576.2901125
19373.5 26.22699558 53.066099 108.622479 210.6512272 505.1674818
19403 22.89602718 44.67076953 101.8624274 214.8664449 515.4752448
19432.5 26.39125376 44.43010262 90.25064258 185.9339728 454.3660609
19463 27.12429306 49.04606028 94.59854689 186.0232103 474.36927
19493.5 26.77623449 53.21268544 98.95886217 192.126702 540.4291113
19524 29.90269163 53.39259112 100.6710248 176.4195318 542.0684046
19554.5 30.23549305 56.06220299 102.8335222 178.8580102 416.7056589
19585.5 27.77056136 53.90924567 106.0588388 178.5603017 495.3261088
19616 30.18257335 56.6183667 111.6235918 186.5273007 463.7348564
19646.5 27.99884014 55.13798896 107.496832 194.5988653 469.942848
19677 27.68989388 54.40714534 109.2931663 185.6150112 469.1757146
19707.5 30.4617898 53.67991171 107.7909316 187.0624041 499.6327763
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
