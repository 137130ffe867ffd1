set terminal svg size 1280,720 dynamic noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'sweep.svg'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
set bars 1.5
$p0s0 << EOD
1 346 269.7627716 422.2372284
2 425 310.6441574 539.3558426
EOD
$p0s1 << EOD
1 346.5 289.3220787 403.6779213
2 425.5 304.791055 546.208945
EOD
$p1s0 << EOD
1 1.60531532 0 6.365445489
2 1.942052557 0 5.497947144
EOD
$p1s1 << EOD
1 2.49719657 0 10.50184898
2 3.031983273 0 9.300836765
EOD
$p2s0 << EOD
1 3.612202966 0 15.01062794
2 4.272807942 0 16.72720986
EOD
$p2s1 << EOD
1 5.842481511 0 23.1389991
2 7.062503695 0 28.7438426
EOD
$p3s0 << EOD
1 1 1 1
2 0.5 0 6.853102368
EOD
$p3s1 << EOD
1 1.5 0 7.853102368
2 0.5 0 6.853102368
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Indicators against lam`touch pwned`'."\047".'@x and mean talk' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label '`touch pwned` @x $(touch pwned) system("touch pwned") '."\047".'q'."\047".' '."\047\047".' \… · a line per mean talk · mean of 2 replications per point' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario mm1`touch pwned` · sweep of 4 design points · 2 replications each · rrsim 0.1`touch pwned`' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: '."\047".'Source'."\047".' `touch pwned`'."\047".' . system('."\047".'touch pwned'."\047".') . '."\047".'"@GPVAL_PWD é€ end' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Each panel has its own scale. Every point uses the same random numbers. Whole run: 1 Jan 2025 – 31 Dec 2026.' at screen 0.02, screen 0.1139 left font "Sans,11" textcolor rgb "#555555"
set label 'Zero at every point: Departures without supervision; no value: IOM share of assisted returns.' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set label "" at screen 0.2363, screen 0.1528 point pt 7 ps 1.2 lc rgb "#0072B2" front
set label 'Mean talk: 0.8 days' at screen 0.2527, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set label "" at screen 0.4232, screen 0.1528 point pt 5 ps 1.2 lc rgb "#D55E00" front
set label 'Mean talk: 1 day' at screen 0.4396, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.5894, screen 0.1403 to screen 0.5894, screen 0.1653 heads size screen 0.005,90 lw 1.5 lc rgb "#444444" front
set label '95% confidence interval' at screen 0.6058, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set label 'Lam`touch pwned`'."\047".'@x' at screen 0.5, screen 0.1917 center font "Sans,13" textcolor rgb "#333333"
set lmargin at screen 0.0550
set rmargin at screen 0.4828
set tmargin at screen 0.8250
set bmargin at screen 0.6111
set xrange [0.5:2.5]
set xtics ('low`touch pwned`' 1, 'hi'."\047".'@x '."\047\047" 2)
set yrange [0:600]
set ytics ('0' 0, '200' 200, '400' 400, '600' 600)
set label 'Verified departures, persons' at screen 0.0231, screen 0.8444 left font "Sans Bold,12" textcolor rgb "#222222"
plot $p0s0 using ($1+-0.01460983131):2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb "#0072B2" notitle, \
     $p0s1 using ($1+0.01460983131):2:3:4 with yerrorbars pt 5 ps 1 lw 1.5 lc rgb "#D55E00" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.5275
set rmargin at screen 0.9628
set tmargin at screen 0.8250
set bmargin at screen 0.6111
set xrange [0.5:2.5]
set xtics ('low`touch pwned`' 1, 'hi'."\047".'@x '."\047\047" 2)
set yrange [0:15]
set ytics ('0' 0, '5' 5, '10' 10, '15' 15)
set label 'Mean days from entry to departure' at screen 0.5031, screen 0.8444 left font "Sans Bold,12" textcolor rgb "#222222"
plot $p1s0 using ($1+-0.01435790584):2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb "#0072B2" notitle, \
     $p1s1 using ($1+0.01435790584):2:3:4 with yerrorbars pt 5 ps 1 lw 1.5 lc rgb "#D55E00" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.0475
set rmargin at screen 0.4828
set tmargin at screen 0.5194
set bmargin at screen 0.2611
set xrange [0.5:2.5]
set xtics ('low`touch pwned`' 1, 'hi'."\047".'@x '."\047\047" 2)
set yrange [0:40]
set ytics ('0' 0, '10' 10, '20' 20, '30' 30, '40' 40)
set label 'Days until 90% have departed' at screen 0.0231, screen 0.5389 left font "Sans Bold,12" textcolor rgb "#222222"
plot $p2s0 using ($1+-0.01435790584):2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb "#0072B2" notitle, \
     $p2s1 using ($1+0.01435790584):2:3:4 with yerrorbars pt 5 ps 1 lw 1.5 lc rgb "#D55E00" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.5388
set rmargin at screen 0.9628
set tmargin at screen 0.5194
set bmargin at screen 0.2611
set xrange [0.5:2.5]
set xtics ('low`touch pwned`' 1, 'hi'."\047".'@x '."\047\047" 2)
set yrange [0:10]
set ytics ('0' 0, '2.5' 2.5, '5.0' 5, '7.5' 7.5, '10.0' 10)
set label 'Caseload at the end, persons' at screen 0.5031, screen 0.5389 left font "Sans Bold,12" textcolor rgb "#222222"
plot $p3s0 using ($1+-0.01473913862):2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb "#0072B2" notitle, \
     $p3s1 using ($1+0.01473913862):2:3:4 with yerrorbars pt 5 ps 1 lw 1.5 lc rgb "#D55E00" notitle
unset multiplot
unset output
