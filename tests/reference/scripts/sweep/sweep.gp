set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'sweep.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
set bars 1.5
$p0s0 << EOD
0.5 1616 1336.463496 1895.536504
0.6 1946.5 1571.66696 2321.33304
0.7 2273.5 1479.362204 3067.637796
EOD
$p0s1 << EOD
0.5 1616 1336.463496 1895.536504
0.6 1947 1578.520063 2315.479937
0.7 2271.5 1464.655999 3078.344001
EOD
$p1s0 << EOD
0.5 1.867853361 1.734626627 2.001080095
0.6 2.207336794 1.347261288 3.067412299
0.7 2.664300232 2.1858708 3.142729665
EOD
$p1s1 << EOD
0.5 2.710885191 2.252598794 3.169171588
0.6 3.474881508 2.592294082 4.357468935
0.7 5.004881476 0.0594753882 9.950287564
EOD
$p2s0 << EOD
0.5 4.282421875 3.552807775 5.012035975
0.6 5.113671875 2.081058166 8.146285584
0.7 5.9921875 3.758674949 8.225700051
EOD
$p2s1 << EOD
0.5 6.3109375 3.303140598 9.318734402
0.6 7.947265625 5.986737941 9.907793309
0.7 11.090625 0 25.24613121
EOD
$p3s0 << EOD
0.5 1 0 13.70620474
0.6 1.5 0 20.5593071
0.7 6.5 0 76.38412605
EOD
$p3s1 << EOD
0.5 1 0 13.70620474
0.6 2 0 27.41240947
0.7 9 0 85.23722842
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Indicators against lambda and mean talk' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'M/M/1 teaching scenario · a line per mean talk · mean of 2 replications per point' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario mm1 · sweep of 6 design points · 2 replications each · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: Theory: M/M/1 queue (lambda 0.8/day, mu 1/day)' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Each panel has its own scale. Every point uses the same random numbers. Whole run: 1 Jan 2025 – 31 Dec 2033.' at screen 0.02, screen 0.1139 left font "Sans,11" textcolor rgb "#555555"
set label 'Zero at every point: Departures without supervision; no value: IOM share of assisted returns.' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set arrow from screen 0.2262, screen 0.1528 to screen 0.2465, screen 0.1528 nohead lw 2 lc rgb "#0072B2"
set label "" at screen 0.2363, screen 0.1528 point pt 7 ps 1.2 lc rgb "#0072B2" front
set label 'Mean talk: 1 day' at screen 0.2527, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.3924, screen 0.1528 to screen 0.4127, screen 0.1528 nohead lw 2 lc rgb "#D55E00"
set label "" at screen 0.4026, screen 0.1528 point pt 5 ps 1.2 lc rgb "#D55E00" front
set label 'Mean talk: 1.2 days' at screen 0.4190, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.5894, screen 0.1403 to screen 0.5894, screen 0.1653 heads size screen 0.005,90 lw 1.5 lc rgb "#444444" front
set label '95% confidence interval' at screen 0.6058, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set label 'Lambda' at screen 0.5, screen 0.1917 center font "Sans,13" textcolor rgb "#333333"
set lmargin at screen 0.0663
set rmargin at screen 0.4828
set tmargin at screen 0.8250
set bmargin at screen 0.6111
set xrange [0.488:0.712]
set xtics ('0.5' 0.5, '0.6' 0.6, '0.7' 0.7)
set yrange [0:4000]
set ytics ('0' 0, '1,000' 1000, '2,000' 2000, '3,000' 3000, '4,000' 4000)
set label 'Verified departures, persons' at screen 0.0231, screen 0.8444 left font "Sans Bold,12" textcolor rgb "#222222"
plot $p0s0 using ($1+-0.0016805313):2 with lines lw 2 lc rgb "#0072B2" notitle, \
     $p0s0 using ($1+-0.0016805313):2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb "#0072B2" notitle, \
     $p0s1 using ($1+0.0016805313):2 with lines lw 2 lc rgb "#D55E00" notitle, \
     $p0s1 using ($1+0.0016805313):2:3:4 with yerrorbars pt 5 ps 1 lw 1.5 lc rgb "#D55E00" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.5275
set rmargin at screen 0.9628
set tmargin at screen 0.8250
set bmargin at screen 0.6111
set xrange [0.488:0.712]
set xtics ('0.5' 0.5, '0.6' 0.6, '0.7' 0.7)
set yrange [0:15]
set ytics ('0' 0, '5' 5, '10' 10, '15' 15)
set label 'Mean days from entry to departure' at screen 0.5031, screen 0.8444 left font "Sans Bold,12" textcolor rgb "#222222"
plot $p1s0 using ($1+-0.001608085454):2 with lines lw 2 lc rgb "#0072B2" notitle, \
     $p1s0 using ($1+-0.001608085454):2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb "#0072B2" notitle, \
     $p1s1 using ($1+0.001608085454):2 with lines lw 2 lc rgb "#D55E00" notitle, \
     $p1s1 using ($1+0.001608085454):2:3:4 with yerrorbars pt 5 ps 1 lw 1.5 lc rgb "#D55E00" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.0475
set rmargin at screen 0.4828
set tmargin at screen 0.5194
set bmargin at screen 0.2611
set xrange [0.488:0.712]
set xtics ('0.5' 0.5, '0.6' 0.6, '0.7' 0.7)
set yrange [0:30]
set ytics ('0' 0, '10' 10, '20' 20, '30' 30)
set label 'Days until 90% have departed' at screen 0.0231, screen 0.5389 left font "Sans Bold,12" textcolor rgb "#222222"
plot $p2s0 using ($1+-0.001608085454):2 with lines lw 2 lc rgb "#0072B2" notitle, \
     $p2s0 using ($1+-0.001608085454):2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb "#0072B2" notitle, \
     $p2s1 using ($1+0.001608085454):2 with lines lw 2 lc rgb "#D55E00" notitle, \
     $p2s1 using ($1+0.001608085454):2:3:4 with yerrorbars pt 5 ps 1 lw 1.5 lc rgb "#D55E00" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.5350
set rmargin at screen 0.9628
set tmargin at screen 0.5194
set bmargin at screen 0.2611
set xrange [0.488:0.712]
set xtics ('0.5' 0.5, '0.6' 0.6, '0.7' 0.7)
set yrange [0:100]
set ytics ('0' 0, '25' 25, '50' 50, '75' 75, '100' 100)
set label 'Caseload at the end, persons' at screen 0.5031, screen 0.5389 left font "Sans Bold,12" textcolor rgb "#222222"
plot $p3s0 using ($1+-0.001636301106):2 with lines lw 2 lc rgb "#0072B2" notitle, \
     $p3s0 using ($1+-0.001636301106):2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb "#0072B2" notitle, \
     $p3s1 using ($1+0.001636301106):2 with lines lw 2 lc rgb "#D55E00" notitle, \
     $p3s1 using ($1+0.001636301106):2:3:4 with yerrorbars pt 5 ps 1 lw 1.5 lc rgb "#D55E00" notitle
unset multiplot
unset output
