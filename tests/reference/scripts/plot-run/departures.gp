set terminal svg size 1280,720 dynamic noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'departures.svg'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set label 'Departures by kind, per year' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label '`touch pwned` @x $(touch pwned) system("touch pwned") '."\047".'q'."\047".' '."\047\047".' \ {a}^b_c &d ~e |f ; #g line two  [31mred · mean of 2 re…' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
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
set label 'Departures per year (persons)' at screen 0.018, screen 0.4993 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$bars << EOD
19906.0 143.75 19739.5 20072.5 0 287.5
20271.5 140 20105.4 20437.6 0 280
20636.5 144.25 20470.4 20802.6 0 288.5


EOD
set yrange [0:350]
set ytics ('0' 0, '50' 50, '100' 100, '150' 150, '200' 200, '250' 250, '300' 300, '350' 350)
unset key
set object rect from screen 0.4408, screen 0.0875 to screen 0.4612, screen 0.1069 fc rgb "#009E73" fs solid 1 noborder front
set label 'Self-arranged, verified' at screen 0.4674, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
plot $bars index 0 using 1:2:3:4:5:6 with boxxyerror lc rgb "#009E73" notitle
unset output
