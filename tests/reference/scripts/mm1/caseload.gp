set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'caseload.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
$c0 << EOD
20089 12 0 62.82481894
20454 1.5 0 7.853102368
20819 1 0 13.70620474
21184 2 0 27.41240947
21550 0.5 0 6.853102368
21915 11.5 5.146897632 17.85310237
22280 3 3 3
22645 0 0 0
23011 6.5 0 89.09033079
23376 5.5 0 62.67792131
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Caseload by stage, at the end of each year' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'M/M/1 teaching scenario · mean of 2 replications with 95% confidence band · each panel on its own scale' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenario mm1 · 2 replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: Theory: M/M/1 queue (lambda 0.8/day, mu 1/day)' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'A  Warm-up, left out of the KPIs, 1 Jan 2024 – 1 Jan 2025' at screen 0.0200, screen 0.8639 left font "Sans,12" textcolor rgb "#222222"
set label 'Letters mark the events listed at the top. ' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
set label 'Cases at the end of the year (persons)' at screen 0.014, screen 0.4847 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
set lmargin at screen 0.1026
set rmargin at screen 0.9759
set tmargin at screen 0.8000
set bmargin at screen 0.1694
set xrange [19723:23376]
set xtics ("" 19723, "" 19814 1, "" 19905 1, "" 19997 1, "" 20089, "" 20179 1, "" 20270 1, "" 20362 1, "" 20454, "" 20544 1, "" 20635 1, "" 20727 1, "" 20819, "" 20909 1, "" 21000 1, "" 21092 1, "" 21184, "" 21275 1, "" 21366 1, "" 21458 1, "" 21550, "" 21640 1, "" 21731 1, "" 21823 1, "" 21915, "" 22005 1, "" 22096 1, "" 22188 1, "" 22280, "" 22370 1, "" 22461 1, "" 22553 1, "" 22645, "" 22736 1, "" 22827 1, "" 22919 1, "" 23011, "" 23101 1, "" 23192 1, "" 23284 1, "" 23376)
set label "2024" at first 19906, graph 0 center offset 0,-1.1 font ",11"
set label "2025" at first 20271, graph 0 center offset 0,-1.1 font ",11"
set label "2026" at first 20636, graph 0 center offset 0,-1.1 font ",11"
set label "2027" at first 21001, graph 0 center offset 0,-1.1 font ",11"
set label "2028" at first 21367, graph 0 center offset 0,-1.1 font ",11"
set label "2029" at first 21732, graph 0 center offset 0,-1.1 font ",11"
set label "2030" at first 22097, graph 0 center offset 0,-1.1 font ",11"
set label "2031" at first 22462, graph 0 center offset 0,-1.1 font ",11"
set label "2032" at first 22828, graph 0 center offset 0,-1.1 font ",11"
set label "2033" at first 23193, graph 0 center offset 0,-1.1 font ",11"
set yrange [0:150]
set ytics ('0' 0, '50' 50, '100' 100, '150' 150)
set label 'Officer' at graph 0, graph 1 left offset 0,0.75 font "Sans Bold,12" textcolor rgb "#222222"
set object rect from first 19723, graph 0 to first 20089, graph 1 fc rgb "#efefef" fs solid 1 noborder behind
set label 'A' at first 19723, graph 1 left offset 0.2,-0.6 font ",10" textcolor rgb "#333333" front
plot $c0 using 1:3:4 with filledcurves fc rgb "#bfdcec" fs solid 1 notitle, \
     $c0 using 1:2 with lines lw 2 lc rgb "#0072B2" notitle
unset multiplot
unset output
