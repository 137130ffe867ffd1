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
1 4546 2983.136817 6108.863183 4460
2 2450.5 2431.440693 2469.559307 2450
3 3297.5 3176.791055 3418.208945 3400
EOD
$f1 << EOD
1 2745.5 2586.672441 2904.327559 2760
2 1820.5 1623.553827 2017.446173 1850
3 2027.5 1919.49726 2135.50274 2400
EOD
$f2 << EOD
1 9621 8909.452535 10332.54747 9660
2 4323 3700.395968 4945.604032 4310
3 4861 3882.622235 5839.377765 4900
EOD
$f3 << EOD
1 22635.5 22120.89871 23150.10129 22550
2 12596 12494.35036 12697.64964 12620
3 17622.5 17501.79106 17743.20894 17670
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Simulated against observed yearly figures' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Netherlands baseline 2019-2023 · labels: relative error (simulated / observed − 1) · each panel on its own scale' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario nl-baseline · 2 replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Sources: DT&V Vertrekcijfers and Instroom- en vertrekcijfers; IOM NL; rrsim nl-baseline' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Observed: DT&V Vertrekcijfers (calibration); DT&V Instroom- en vertrekcijfers (input); DT&V Instroom- en vertrekcijfers (calibration);' at screen 0.02, screen 0.1139 left font "Sans,11" textcolor rgb "#555555"
set label 'press reporting of DT&V figures (not calibrated); derived: 10700 - 3400 - 2400 (not calibrated)' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set object rect from screen 0.1373, screen 0.1431 to screen 0.1576, screen 0.1625 fc rgb "#7fbddf" fs solid 1 noborder front
set label 'Simulated: mean of 2 replications' at screen 0.1638, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set label "" at screen 0.4331, screen 0.1528 point pt 7 ps 1.5 lc rgb "#D55E00" front
set label 'Observed (published figure)' at screen 0.4495, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.6783, screen 0.1403 to screen 0.6783, screen 0.1653 heads size screen 0.005,90 lw 1.5 lc rgb "#222222" front
set label '95% confidence interval' at screen 0.6947, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set label 'Persons per year' at screen 0.012, screen 0.5500 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
set lmargin at screen 0.0741
set rmargin at screen 0.4813
set tmargin at screen 0.8250
set bmargin at screen 0.5972
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:8000]
set ytics ('0' 0, '2,000' 2000, '4,000' 4000, '6,000' 6000, '8,000' 8000)
set label 'Independent departures (IOM, NGO, self-arranged)' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '+1.9%' at first 1, first 6108.863183 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '0.0%' at first 2, first 2469.559307 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−3.0%' at first 3, first 3418.208945 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
plot $f0 using 1:2 with boxes lc rgb "#7fbddf" notitle, \
     $f0 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f0 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f0 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.5541
set rmargin at screen 0.9612
set tmargin at screen 0.8250
set bmargin at screen 0.5972
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:4000]
set ytics ('0' 0, '1,000' 1000, '2,000' 2000, '3,000' 3000, '4,000' 4000)
set label 'Forced returns' at screen 0.5109, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−0.5%' at first 1, first 2904.327559 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−1.6%' at first 2, first 2017.446173 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−16%' at first 3, first 2400 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
plot $f1 using 1:2 with boxes lc rgb "#7fbddf" notitle, \
     $f1 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f1 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f1 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.0816
set rmargin at screen 0.4813
set tmargin at screen 0.5083
set bmargin at screen 0.2389
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:15000]
set ytics ('0' 0, '5,000' 5000, '10,000' 10000, '15,000' 15000)
set label 'Departures without supervision' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−0.4%' at first 1, first 10332.54747 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '+0.3%' at first 2, first 4945.604032 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−0.8%' at first 3, first 5839.377765 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
plot $f2 using 1:2 with boxes lc rgb "#7fbddf" notitle, \
     $f2 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f2 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f2 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.5616
set rmargin at screen 0.9612
set tmargin at screen 0.5083
set bmargin at screen 0.2389
set xrange [0.4:3.6]
set xtics ("2019" 1, "2022" 2, "2023" 3) scale 0
set yrange [0:30000]
set ytics ('0' 0, '10,000' 10000, '20,000' 20000, '30,000' 30000)
set label 'Intake (new cases, re-migrants not counted)' at screen 0.5109, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '+0.4%' at first 1, first 23150.10129 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−0.2%' at first 2, first 12697.64964 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label '−0.3%' at first 3, first 17743.20894 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
plot $f3 using 1:2 with boxes lc rgb "#7fbddf" notitle, \
     $f3 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f3 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f3 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset multiplot
unset output
