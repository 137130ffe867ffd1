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
1 4273.5 2742.402329 5804.597671 4460 0
2 2537.5 2111.842141 2963.157859 2450 0
3 3316 3074.58211 3557.41789 3400 1
EOD
$f1 << EOD
1 2805 2068.040125 3541.959875 2760 0
2 1782 1782 1782 1850 0
3 2297.5 1452.537385 3142.462615 2400 1
EOD
$f2 << EOD
1 9954.5 9376.367685 10532.63232 9660 0
2 4351 4300.175181 4401.824819 4310 0
3 5554.5 4938.24907 6170.75093 4900 1
EOD
$f3 << EOD
1 17033 15343.07477 18722.92523 16880 0
2 8670.5 8295.66696 9045.33304 8610 0
3 11168 11155.2938 11180.7062 10700 1
EOD
$f4 << EOD
1 3005 1581.90507 4428.09493 3035 0
EOD
$f5 << EOD
1 22635.5 22120.89871 23150.10129 22550 2
2 12596 12494.35036 12697.64964 12620 2
3 17622.5 17501.79106 17743.20894 17670 2
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Simulated against observed yearly figures' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Netherlands baseline 2019-2024 · mean absolute error 2.2% in calibration years (2019, 2022), 6.1% in validation year (2023)' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
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
set yrange [0:8000]
set ytics ('0' 0, '2,000' 2000, '4,000' 4000, '6,000' 6000, '8,000' 8000)
set label 'Independent departures' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−4.2%' at first 1, first 5804.597671 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+3.6%' at first 2, first 2963.157859 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−2.5%' at first 3, first 3557.41789 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
set label '+1.6%' at first 1, first 3541.959875 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−3.7%' at first 2, first 1850 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−4.3%' at first 3, first 3142.462615 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
set label '+3.0%' at first 1, first 10532.63232 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+1.0%' at first 2, first 4401.824819 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+13%' at first 3, first 6170.75093 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
set label '+0.9%' at first 1, first 18722.92523 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+0.7%' at first 2, first 9045.33304 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+4.4%' at first 3, first 11180.7062 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
set yrange [0:6000]
set ytics ('0' 0, '2,000' 2000, '4,000' 4000, '6,000' 6000)
set label 'Voluntary departures with IOM' at screen 0.3509, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−1.0%' at first 1, first 4428.09493 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label "calibration" at first 1, screen 0.2278 center font "Sans,10" textcolor rgb "#555555"
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
