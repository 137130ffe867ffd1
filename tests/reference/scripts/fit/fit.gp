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
1 4141.5 3474.424251 4808.575749 4460 0
2 2535 1848.864944 3221.135056 2450 0
3 3348.5 3189.672441 3507.327559 3400 1
EOD
$f1 << EOD
1 2848 1806.091212 3889.908788 2760 0
2 1858 1654.700724 2061.299276 1850 0
3 2344 2331.293795 2356.706205 2400 1
EOD
$f2 << EOD
1 10290 9781.751811 10798.24819 9660 0
2 4338.5 3976.373165 4700.626835 4310 0
3 5607 4895.452535 6318.547465 4900 1
EOD
$f3 << EOD
1 17279.5 16078.76365 18480.23635 16880 0
2 8731.5 8610.791055 8852.208945 8610 0
3 11299.5 10416.41877 12182.58123 10700 1
EOD
$f4 << EOD
1 2836 2086.333921 3585.666079 3035 0
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
set label 'Netherlands baseline 2019-2023 · mean absolute error 3.5% in calibration years (2019, 2022), 6.0% in validation year (2023)' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
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
set label '−7.1%' at first 1, first 4808.575749 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+3.5%' at first 2, first 3221.135056 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−1.5%' at first 3, first 3507.327559 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
set label '+3.2%' at first 1, first 3889.908788 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+0.4%' at first 2, first 2061.299276 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−2.3%' at first 3, first 2400 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
set label '+6.5%' at first 1, first 10798.24819 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+0.7%' at first 2, first 4700.626835 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+14%' at first 3, first 6318.547465 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
set label '+2.4%' at first 1, first 18480.23635 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+1.4%' at first 2, first 8852.208945 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+5.6%' at first 3, first 12182.58123 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
set label '−6.6%' at first 1, first 3585.666079 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
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
