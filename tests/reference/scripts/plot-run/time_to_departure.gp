set terminal svg size 1280,720 dynamic noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'time_to_departure.svg'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set label 'Time from entry to departure, by year of departure' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label '`touch pwned` @x $(touch pwned) system("touch pwned") '."\047".'q'."\047".' '."\047\047".' \ {a}^b_c &d ~e |f ; #g line two  [31mred · verified depa…' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario mm1`touch pwned` · 2 replications · rrsim 0.1`touch pwned`' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: '."\047".'Source'."\047".' `touch pwned`'."\047".' . system('."\047".'touch pwned'."\047".') . '."\047".'"@GPVAL_PWD é€ end' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set object rect from first 19723, graph 0 to first 20269, graph 1 fc rgb "#efefef" fs solid 1 noborder behind
set arrow from first 19723, screen 0.7931 to first 20089, screen 0.7931 nohead lw 5 lc rgb "#8c8c8c"
set label 'Warm-up, left out of the KPIs' at first 19723, screen 0.8111 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 20089, screen 0.8403 to first 20269, screen 0.8403 nohead lw 5 lc rgb "#8c8c8c"
set label 'Ev `touch pwned` @x '."\047".'q'."\047".' "d" \ {b}^c_d ; #x' at first 20089, screen 0.8583 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set arrow from first 20454, graph 0 to first 20454, graph 1 nohead dt (6,4) lw 1.2 lc rgb "#333333" front
set arrow from first 20454, screen 0.7931 to first 20819, screen 0.7931 head size screen 0.008,25 filled lw 2.5 lc rgb "#8c8c8c"
set label 'name`touch pwned`'."\047".'@x' at first 20454, screen 0.8111 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set lmargin at screen 0.0900
set rmargin at screen 0.9750
set tmargin at screen 0.7694
set bmargin at screen 0.2292
set xrange [19723:20819]
set xtics ("" 19723, "" 19814 1, "" 19905 1, "" 19997 1, "" 20089, "" 20179 1, "" 20270 1, "" 20362 1, "" 20454, "" 20544 1, "" 20635 1, "" 20727 1, "" 20819)
set label "2024" at first 19906, graph 0 center offset 0,-1.1 font ",14"
set label "2025" at first 20271, graph 0 center offset 0,-1.1 font ",14"
set label "2026" at first 20636, graph 0 center offset 0,-1.1 font ",14"
set label 'Year of departure' at screen 0.5325, screen 0.1486 center font "Sans,13" textcolor rgb "#333333"
set label 'Days from entering the caseload to departure' at screen 0.018, screen 0.4993 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$t << EOD
19906 3.610459472 0 16.09605324
20271.5 5.671810799 0 40.84093846
20636.5 4.685912994 0 11.37011385
EOD
set yrange [0:50]
set ytics ('0' 0, '10' 10, '20' 20, '30' 30, '40' 40, '50' 50)
unset key
set arrow from screen 0.0829, screen 0.0972 to screen 0.1032, screen 0.0972 nohead lw 2.5 lc rgb "#0072B2"
set label 'Mean of those departing' at screen 0.1095, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.3040, screen 0.0875 to screen 0.3243, screen 0.1069 fc rgb "#bfdcec" fs solid 1 noborder front
set label '95% confidence interval' at screen 0.3306, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.5220, screen 0.0972 to screen 0.5423, screen 0.0972 nohead lw 1.8 lc rgb "#D55E00" dt (8,5)
set label 'Median, whole run: 4.1 days' at screen 0.5486, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.7691, screen 0.0972 to screen 0.7895, screen 0.0972 nohead lw 2.5 lc rgb "#CC79A7" dt (3,3)
set label '90% depart within 11 days' at screen 0.7957, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
plot $t using 1:3:4 with filledcurves fc rgb "#bfdcec" fs solid 1 notitle, \
     $t using 1:2 with lines lw 2.5 lc rgb "#0072B2" notitle, \
     4.10505622 with lines dt (8,5) lw 1.8 lc rgb "#D55E00" notitle, \
     10.60800791 with lines dt (3,3) lw 2.5 lc rgb "#CC79A7" notitle
unset output
