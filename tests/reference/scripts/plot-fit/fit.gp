set terminal svg size 1280,720 dynamic noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'fit.svg'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
set bars 1.5
set boxwidth 0.55
$f0 << EOD
1 280 280 280 300 -1
EOD
$f1 << EOD
2 2 0 27.41240947 4 -1
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Simulated against observed yearly figures' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label '`touch pwned` @x $(touch pwned) system("touch pwned") '."\047".'q'."\047".' '."\047\047".' \ {a}^b_c &d ~e |f ; #g line two  [31mred · labels: relati…' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario mm1 · 2 replications · rrsim 0.1`touch pwned`' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: '."\047".'Source'."\047".' `touch pwned`'."\047".' . system('."\047".'touch pwned'."\047".') . '."\047".'"@GPVAL_PWD é€ end' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Each panel on its own scale. Observed: note `touch pwned`'."\047".' . system('."\047".'touch pwned'."\047".') . '."\047".'@x second line; '."\047".'q'."\047".' \ "d" {e}' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set object rect from screen 0.1373, screen 0.1125 to screen 0.1576, screen 0.1319 fc rgb "#7fbddf" fs solid 1 noborder front
set label 'Simulated: mean of 2 replications' at screen 0.1638, screen 0.1222 left font "Sans,13" textcolor rgb "#222222"
set label "" at screen 0.4331, screen 0.1222 point pt 7 ps 1.5 lc rgb "#D55E00" front
set label 'Observed (published figure)' at screen 0.4495, screen 0.1222 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.6783, screen 0.1097 to screen 0.6783, screen 0.1347 heads size screen 0.005,90 lw 1.5 lc rgb "#222222" front
set label '95% confidence interval' at screen 0.6947, screen 0.1222 left font "Sans,13" textcolor rgb "#222222"
set label 'Persons (a year'."\047".'s flow, or at its end)' at screen 0.012, screen 0.5347 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
set lmargin at screen 0.0628
set rmargin at screen 0.4813
set tmargin at screen 0.8250
set bmargin at screen 0.2083
set xrange [0.4:2.6]
set xtics ("2025" 1, "2026" 2) scale 0
set yrange [0:400]
set ytics ('0' 0, '100' 100, '200' 200, '300' 300, '400' 400)
set label 'Self-arranged departures, verified' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−6.7%' at first 1, first 300 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label "no observed\nfigure" at first 2, graph 0.16 center font "Sans,10" textcolor rgb "#777777"
plot $f0 using 1:2 with boxes lc rgb "#7fbddf" notitle, \
     $f0 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f0 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f0 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.5353
set rmargin at screen 0.9612
set tmargin at screen 0.8250
set bmargin at screen 0.2083
set xrange [0.4:2.6]
set xtics ("2025" 1, "2026" 2) scale 0
set yrange [0:40]
set ytics ('0' 0, '10' 10, '20' 20, '30' 30, '40' 40)
set label 'Caseload at the year'."\047".'s end: `touch pwned`'."\047".'@x' at screen 0.5109, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
set label '−50%' at first 2, first 27.41240947 center offset 0,0.9 font "Sans,11" textcolor rgb "#222222" front
set label "no observed\nfigure" at first 1, graph 0.16 center font "Sans,10" textcolor rgb "#777777"
plot $f1 using 1:2 with boxes lc rgb "#7fbddf" notitle, \
     $f1 using 1:5 with points pt 7 ps 1.9 lc rgb "white" notitle, \
     $f1 using 1:5 with points pt 7 ps 1.5 lc rgb "#D55E00" notitle, \
     $f1 using 1:3:(0):($4-$3) with vectors heads size screen 0.006,90 lw 1.5 lc rgb "#222222" notitle
unset multiplot
unset output
