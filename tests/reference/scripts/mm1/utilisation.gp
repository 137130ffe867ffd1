set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'utilisation.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set label 'Utilisation of the stages'."\047".' servers, per year' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'M/M/1 teaching scenario · busy server-time / server-time in force · mean of 2 replications' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario mm1 · 2 replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: Theory: M/M/1 queue (lambda 0.8/day, mu 1/day)' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set object rect from first 19723, graph 0 to first 20089, graph 1 fc rgb "#efefef" fs solid 1 noborder behind
set arrow from first 19723, screen 0.8403 to first 20089, screen 0.8403 nohead lw 5 lc rgb "#8c8c8c"
set label 'Warm-up, left out of the KPIs' at first 19723, screen 0.8583 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set lmargin at screen 0.0900
set rmargin at screen 0.9750
set tmargin at screen 0.8167
set bmargin at screen 0.2639
set xrange [19723:23376]
set xtics ("" 19723, "" 19814 1, "" 19905 1, "" 19997 1, "" 20089, "" 20179 1, "" 20270 1, "" 20362 1, "" 20454, "" 20544 1, "" 20635 1, "" 20727 1, "" 20819, "" 20909 1, "" 21000 1, "" 21092 1, "" 21184, "" 21275 1, "" 21366 1, "" 21458 1, "" 21550, "" 21640 1, "" 21731 1, "" 21823 1, "" 21915, "" 22005 1, "" 22096 1, "" 22188 1, "" 22280, "" 22370 1, "" 22461 1, "" 22553 1, "" 22645, "" 22736 1, "" 22827 1, "" 22919 1, "" 23011, "" 23101 1, "" 23192 1, "" 23284 1, "" 23376)
set label "2024" at first 19906, graph 0 center offset 0,-1.1 font ",14"
set label "2025" at first 20271, graph 0 center offset 0,-1.1 font ",14"
set label "2026" at first 20636, graph 0 center offset 0,-1.1 font ",14"
set label "2027" at first 21001, graph 0 center offset 0,-1.1 font ",14"
set label "2028" at first 21367, graph 0 center offset 0,-1.1 font ",14"
set label "2029" at first 21732, graph 0 center offset 0,-1.1 font ",14"
set label "2030" at first 22097, graph 0 center offset 0,-1.1 font ",14"
set label "2031" at first 22462, graph 0 center offset 0,-1.1 font ",14"
set label "2032" at first 22828, graph 0 center offset 0,-1.1 font ",14"
set label "2033" at first 23193, graph 0 center offset 0,-1.1 font ",14"
set label 'Year (each step: the average over the year)' at screen 0.5325, screen 0.1833 center font "Sans,13" textcolor rgb "#333333"
set label 'Servers busy (% of those in force)' at screen 0.018, screen 0.5403 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$u << EOD
19723 82.51527895
20089 82.51527895
20089 75.67843984
20454 75.67843984
20454 79.49872117
20819 79.49872117
20819 80.0494691
21184 80.0494691
21184 78.71556923
21550 78.71556923
21550 75.23790387
21915 75.23790387
21915 72.52605922
22280 72.52605922
22280 73.908558
22645 73.908558
22645 75.64080244
23011 75.64080244
23011 80.0999918
23376 80.0999918


EOD
set yrange [0:120]
set ytics ('0' 0, '20' 20, '40' 40, '60' 60, '80' 80, '100' 100, '120' 120)
unset key
set arrow from screen 0.4155, screen 0.0972 to screen 0.4358, screen 0.0972 nohead lw 2.2 lc rgb "#0072B2"
set label 'Officer' at screen 0.4421, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.5121, screen 0.0972 to screen 0.5325, screen 0.0972 nohead lw 1.5 lc rgb "#666666" dt (10,6)
set label 'All servers busy' at screen 0.5387, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
plot 100 with lines dt (10,6) lw 1.5 lc rgb "#666666" notitle, \
     $u index 0 using 1:2 with lines lw 2.2 lc rgb "#0072B2" notitle
unset output
