set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'fit.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
set bars 1.5
set boxwidth 0.55
$f0 << EOD
1 4217.5 4160.322079 4274.677921 4460 0
2 2643.5 2459.260031 2827.739969 2450 0
3 3394.5 3146.729008 3642.270992 3400 1
EOD
$f1 << EOD
1 2841 1976.978078 3705.021922 2760 0
2 1834 931.8594637 2736.140536 1850 0
3 2258.5 1769.311118 2747.688882 2400 1
EOD
$f2 << EOD
1 9754.5 8744.356723 10764.64328 9660 0
2 4358.5 4161.553827 4555.446173 4310 0
3 5468 4375.266393 6560.733607 4900 1
EOD
$f3 << EOD
1 16813 16609.70072 17016.29928 16880 0
2 8836 7552.673322 10119.32668 8610 0
3 11121 10269.68428 11972.31572 10700 1
EOD
$f4 << EOD
1 2997 2793.700724 3200.299276 3035 0
EOD
$f5 << EOD
1 22412.5 21326.1195 23498.8805 22550 2
2 12666 12488.11313 12843.88687 12620 2
3 17667 15900.83754 19433.16246 17670 2
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Simulated against observed yearly figures' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Netherlands baseline 2019-2024 · mean absolute error 2.6% in calibration years (2019, 2022), 5.4% in validation year (2023)' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario nl-baseline · 2 replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Sources: DT&V Vertrekcijfers and Instroom- en vertrekcijfers; IOM NL; rrsim nl-baseline' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Labels: relative error (simulated / observed − 1). Inputs are not fitted and have none. Each panel on its own scale. Observed: DT&V Vertrekcijfers;' at screen 0.02, screen 0.1139 left font "Sans,11" textcolor rgb "#555555"
set label 'IOM Netherlands (assisted voluntary departures); DT&V Instroom- en vertrekcijfers; derived: 2450 + 1850 + 4310; press reporting of DT&V figures; derived: 107…' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set object rect from screen 0.1554, screen 0.1653 to screen 0.1757, screen 0.1847 fc rgb "#7fbddf" fs solid 1 noborder front
set label 'Simulated, calibration year' at screen 0.1820, screen 0.1750 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.3941, screen 0.1653 to screen 0.4145, screen 0.1847 fc rgb "#ffffff" fs solid 1 noborder front
set label 'Simulated, validation year' at screen 0.4207, screen 0.1750 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.6278, screen 0.1653 to screen 0.6481, screen 0.1847 fc rgb "#cccccc" fs solid 1 noborder front
set label 'Simulated input (not fitted)' at screen 0.6543, screen 0.1750 left font "Sans,13" textcolor rgb "#222222"
set label "" at screen 0.2903, screen 0.1444 point pt 7 ps 1.5 lc rgb "#D55E00" front
set label 'Observed (published figure)' at screen 0.3067, screen 0.1444 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.5355, screen 0.1319 to screen 0.5355, screen 0.1569 heads size screen 0.005,90 lw 1.5 lc rgb "#222222" front
set label '95% confidence interval' at screen 0.5519, screen 0.1444 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.3941, screen 0.1653 to screen 0.4145, screen 0.1847 fc rgb "#0072B2" fs pattern 4 border lc rgb "#0072B2" lw 1 front
set label 'Persons per year' at screen 0.012, screen 0.5708 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
set lmargin at screen 0.0741
set rmargin at screen 0.3212
set tmargin at screen 0.8250
set bmargin at screen 0.6375
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:6000]
set ytics ('0' 0, '2,000' 2000, '4,000' 4000, '6,000' 6000)
set label 'Independent departures' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−5.4%' at first 1, first 4460 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+7.9%' at first 2, first 2827.739969 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−0.2%' at first 3, first 3642.270992 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label "calibration" at first 1, screen 0.5847 center font "Sans,10" textcolor rgb "#555555"
set label "calibration" at first 2, screen 0.5847 center font "Sans,10" textcolor rgb "#555555"
set label "validation" at first 3, screen 0.5847 center font "Sans,10" textcolor rgb "#0072B2"
plot $f0 using 1:($6 == 2 ? NaN : $6 == 1 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f0 using 1:($6 == 0 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f0 using 1:($6 == 1 ? $2 : NaN) with boxes lc rgb "white" notitle, \
     $f0 using 1:($6 == 1 ? $2 : NaN) with boxes fs pattern 4 border lc rgb "#0072B2" lw 1.2 lc rgb "#0072B2" notitle, \
     $f0 using 1:($6 == 2 ? $2 : NaN) with boxes lc rgb "#cccccc" notitle, \
     $f0 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f0 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f0 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.3941
set rmargin at screen 0.6412
set tmargin at screen 0.8250
set bmargin at screen 0.6375
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:6000]
set ytics ('0' 0, '2,000' 2000, '4,000' 4000, '6,000' 6000)
set label 'Forced returns' at screen 0.3509, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '+2.9%' at first 1, first 3705.021922 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−0.9%' at first 2, first 2736.140536 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−5.9%' at first 3, first 2747.688882 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label "calibration" at first 1, screen 0.5847 center font "Sans,10" textcolor rgb "#555555"
set label "calibration" at first 2, screen 0.5847 center font "Sans,10" textcolor rgb "#555555"
set label "validation" at first 3, screen 0.5847 center font "Sans,10" textcolor rgb "#0072B2"
plot $f1 using 1:($6 == 2 ? NaN : $6 == 1 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f1 using 1:($6 == 0 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f1 using 1:($6 == 1 ? $2 : NaN) with boxes lc rgb "white" notitle, \
     $f1 using 1:($6 == 1 ? $2 : NaN) with boxes fs pattern 4 border lc rgb "#0072B2" lw 1.2 lc rgb "#0072B2" notitle, \
     $f1 using 1:($6 == 2 ? $2 : NaN) with boxes lc rgb "#cccccc" notitle, \
     $f1 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f1 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f1 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7216
set rmargin at screen 0.9612
set tmargin at screen 0.8250
set bmargin at screen 0.6375
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:15000]
set ytics ('0' 0, '5,000' 5000, '10,000' 10000, '15,000' 15000)
set label 'Departures without supervision' at screen 0.6709, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '+1.0%' at first 1, first 10764.64328 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+1.1%' at first 2, first 4555.446173 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+12%' at first 3, first 6560.733607 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label "calibration" at first 1, screen 0.5847 center font "Sans,10" textcolor rgb "#555555"
set label "calibration" at first 2, screen 0.5847 center font "Sans,10" textcolor rgb "#555555"
set label "validation" at first 3, screen 0.5847 center font "Sans,10" textcolor rgb "#0072B2"
plot $f2 using 1:($6 == 2 ? NaN : $6 == 1 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f2 using 1:($6 == 0 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f2 using 1:($6 == 1 ? $2 : NaN) with boxes lc rgb "white" notitle, \
     $f2 using 1:($6 == 1 ? $2 : NaN) with boxes fs pattern 4 border lc rgb "#0072B2" lw 1.2 lc rgb "#0072B2" notitle, \
     $f2 using 1:($6 == 2 ? $2 : NaN) with boxes lc rgb "#cccccc" notitle, \
     $f2 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f2 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f2 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.0816
set rmargin at screen 0.3212
set tmargin at screen 0.5292
set bmargin at screen 0.2806
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:30000]
set ytics ('0' 0, '10,000' 10000, '20,000' 20000, '30,000' 30000)
set label 'All departures' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−0.4%' at first 1, first 17016.29928 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+2.6%' at first 2, first 10119.32668 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+3.9%' at first 3, first 11972.31572 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label "calibration" at first 1, screen 0.2278 center font "Sans,10" textcolor rgb "#555555"
set label "calibration" at first 2, screen 0.2278 center font "Sans,10" textcolor rgb "#555555"
set label "validation" at first 3, screen 0.2278 center font "Sans,10" textcolor rgb "#0072B2"
plot $f3 using 1:($6 == 2 ? NaN : $6 == 1 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f3 using 1:($6 == 0 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f3 using 1:($6 == 1 ? $2 : NaN) with boxes lc rgb "white" notitle, \
     $f3 using 1:($6 == 1 ? $2 : NaN) with boxes fs pattern 4 border lc rgb "#0072B2" lw 1.2 lc rgb "#0072B2" notitle, \
     $f3 using 1:($6 == 2 ? $2 : NaN) with boxes lc rgb "#cccccc" notitle, \
     $f3 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f3 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f3 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.3941
set rmargin at screen 0.6412
set tmargin at screen 0.5292
set bmargin at screen 0.2806
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:4000]
set ytics ('0' 0, '1,000' 1000, '2,000' 2000, '3,000' 3000, '4,000' 4000)
set label 'Voluntary departures with IOM' at screen 0.3509, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−1.3%' at first 1, first 3200.299276 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label "calibration" at first 1, screen 0.2278 center font "Sans,10" textcolor rgb "#555555"
set label "no observed\nfigure" at first 2, graph 0.16 center font "Sans,10" textcolor rgb "#777777"
set label "no observed\nfigure" at first 3, graph 0.16 center font "Sans,10" textcolor rgb "#777777"
plot $f4 using 1:($6 == 2 ? NaN : $6 == 1 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f4 using 1:($6 == 0 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f4 using 1:($6 == 1 ? $2 : NaN) with boxes lc rgb "white" notitle, \
     $f4 using 1:($6 == 1 ? $2 : NaN) with boxes fs pattern 4 border lc rgb "#0072B2" lw 1.2 lc rgb "#0072B2" notitle, \
     $f4 using 1:($6 == 2 ? $2 : NaN) with boxes lc rgb "#cccccc" notitle, \
     $f4 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f4 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f4 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7216
set rmargin at screen 0.9612
set tmargin at screen 0.5292
set bmargin at screen 0.2806
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:30000]
set ytics ('0' 0, '10,000' 10000, '20,000' 20000, '30,000' 30000)
set label 'Intake' at screen 0.6709, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label "input: the scenario takes it from data; not fitted" at graph 0.5, screen 0.2278 center font "Sans,10" textcolor rgb "#555555"
plot $f5 using 1:($6 == 2 ? NaN : $6 == 1 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f5 using 1:($6 == 0 ? $2 : NaN) with boxes lc rgb "#7fbddf" notitle, \
     $f5 using 1:($6 == 1 ? $2 : NaN) with boxes lc rgb "white" notitle, \
     $f5 using 1:($6 == 1 ? $2 : NaN) with boxes fs pattern 4 border lc rgb "#0072B2" lw 1.2 lc rgb "#0072B2" notitle, \
     $f5 using 1:($6 == 2 ? $2 : NaN) with boxes lc rgb "#cccccc" notitle, \
     $f5 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f5 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f5 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset multiplot
unset output
