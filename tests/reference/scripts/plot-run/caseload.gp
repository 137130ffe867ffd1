set terminal svg size 1280,720 dynamic noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'caseload.svg'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
$c0 << EOD
20089 7.5 0 64.67792131
20454 10.5 0 54.97171658
20819 2 0 27.41240947
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Caseload by stage, at the end of each year' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label '`touch pwned` @x $(touch pwned) system("touch pwned") '."\047".'q'."\047".' '."\047\047".' \ {a}^b_c &d ~e |f ; #g line two  [31mred · mean of 2 re…' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario mm1`touch pwned` · 2 replications · rrsim 0.1`touch pwned`' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: '."\047".'Source'."\047".' `touch pwned`'."\047".' . system('."\047".'touch pwned'."\047".') . '."\047".'"@GPVAL_PWD é€ end' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'A  Warm-up, left out of the KPIs, 1 Jan 2024 – 1 Jan 2025' at screen 0.0200, screen 0.8639 left font "Sans,12" textcolor rgb "#222222"
set label 'B  Ev `touch pwned` @x '."\047".'q'."\047".' "d" \ {b}^c_d ; #x, 1 Jan 2025 – 30 Jun 2025' at screen 0.4083, screen 0.8639 left font "Sans,12" textcolor rgb "#222222"
set label 'C  name`touch pwned`'."\047".'@x, from 1 Jan 2026' at screen 0.0200, screen 0.8333 left font "Sans,12" textcolor rgb "#222222"
set label 'Letters mark the events listed at the top. ' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
set label 'Cases at the end of the year (persons)' at screen 0.014, screen 0.4694 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
set lmargin at screen 0.1026
set rmargin at screen 0.9759
set tmargin at screen 0.7694
set bmargin at screen 0.1694
set xrange [19723:20819]
set xtics ("" 19723, "" 19814 1, "" 19905 1, "" 19997 1, "" 20089, "" 20179 1, "" 20270 1, "" 20362 1, "" 20454, "" 20544 1, "" 20635 1, "" 20727 1, "" 20819)
set label "2024" at first 19906, graph 0 center offset 0,-1.1 font ",11"
set label "2025" at first 20271, graph 0 center offset 0,-1.1 font ",11"
set label "2026" at first 20636, graph 0 center offset 0,-1.1 font ",11"
set yrange [0:100]
set ytics ('0' 0, '25' 25, '50' 50, '75' 75, '100' 100)
set label 'Off`touch pwned`'."\047".'@x' at graph 0, graph 1 left offset 0,0.75 font "Sans Bold,12" textcolor rgb "#222222"
set object rect from first 19723, graph 0 to first 20269, graph 1 fc rgb "#efefef" fs solid 1 noborder behind
set label 'A' at first 19723, graph 1 left offset 0.2,-0.6 font ",10" textcolor rgb "#333333" front
set label 'B' at first 20089, graph 1 left offset 0.2,-0.6 font ",10" textcolor rgb "#333333" front
set arrow from first 20454, graph 0 to first 20454, graph 1 nohead dt (6,4) lw 1 lc rgb "#333333" front
set label 'C' at first 20454, graph 1 left offset 0.2,-0.6 font ",10" textcolor rgb "#333333" front
plot $c0 using 1:3:4 with filledcurves fc rgb "#bfdcec" fs solid 1 notitle, \
     $c0 using 1:2 with lines lw 2 lc rgb "#0072B2" notitle
unset multiplot
unset output
