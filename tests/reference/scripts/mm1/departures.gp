set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'departures.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set label 'Departures by kind, per year' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'M/M/1 teaching scenario · mean of 2 replications' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario mm1 · 2 replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: Theory: M/M/1 queue (lambda 0.8/day, mu 1/day)' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set object rect from first 19723, graph 0 to first 20089, graph 1 fc rgb "#efefef" fs solid 1 noborder behind
set arrow from first 19723, screen 0.8403 to first 20089, screen 0.8403 nohead lw 5 lc rgb "#8c8c8c"
set label 'Warm-up, left out of the KPIs' at first 19723, screen 0.8583 left offset 0.2,0 font "Sans,12" textcolor rgb "#222222"
set lmargin at screen 0.0900
set rmargin at screen 0.9750
set tmargin at screen 0.8167
set bmargin at screen 0.2292
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
set label 'Year of departure' at screen 0.5325, screen 0.1486 center font "Sans,13" textcolor rgb "#333333"
set label 'Departures per year (persons)' at screen 0.018, screen 0.5229 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$bars << EOD
19906.0 143 19739.5 20072.5 0 286
20271.5 143 20105.4 20437.6 0 286
20636.5 148 20470.4 20802.6 0 296
21001.5 143 20835.4 21167.6 0 286
21367.0 146 21200.5 21533.5 0 292
21732.5 139.5 21566.4 21898.6 0 279
22097.5 147 21931.4 22263.6 0 294
22462.5 149.25 22296.4 22628.6 0 298.5
22828.0 135.75 22661.5 22994.5 0 271.5
23193.5 142.5 23027.4 23359.6 0 285


EOD
set yrange [0:350]
set ytics ('0' 0, '50' 50, '100' 100, '150' 150, '200' 200, '250' 250, '300' 300, '350' 350)
unset key
set object rect from screen 0.4408, screen 0.0875 to screen 0.4612, screen 0.1069 fc rgb "#009E73" fs solid 1 noborder front
set label 'Self-arranged, verified' at screen 0.4674, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
plot $bars index 0 using 1:2:3:4:5:6 with boxxyerror lc rgb "#009E73" notitle
unset output
