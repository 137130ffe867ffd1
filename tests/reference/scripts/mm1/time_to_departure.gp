set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'time_to_departure.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set label 'Time from entry to departure, by year of departure' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'M/M/1 teaching scenario · verified departures · mean of the replications' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
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
set label 'Days from entering the caseload to departure' at screen 0.018, screen 0.5229 center rotate by 90 font "Sans,13" textcolor rgb "#333333"
$t << EOD
19906 5.996658298 0 39.65690813
20271.5 4.211292502 0 10.82506393
20636.5 4.345543391 0 16.6638842
21001.5 4.001544404 0.8892950509 7.113793758
21367 3.294816409 3.123623825 3.466008994
21732.5 3.169421658 0 7.151027913
22097.5 2.857145858 0 9.250542333
22462.5 2.922411025 2.875426308 2.969395742
22828 4.167708603 0 9.283366353
23193.5 4.222085124 0 22.88341204
EOD
set yrange [0:50]
set ytics ('0' 0, '10' 10, '20' 20, '30' 30, '40' 40, '50' 50)
unset key
set arrow from screen 0.0807, screen 0.0972 to screen 0.1010, screen 0.0972 nohead lw 2.5 lc rgb "#0072B2"
set label 'Mean of those departing' at screen 0.1073, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set object rect from screen 0.3018, screen 0.0875 to screen 0.3221, screen 0.1069 fc rgb "#bfdcec" fs solid 1 noborder front
set label '95% confidence interval' at screen 0.3283, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.5198, screen 0.0972 to screen 0.5401, screen 0.0972 nohead lw 1.8 lc rgb "#D55E00" dt (8,5)
set label 'Median, whole run: 2.7 days' at screen 0.5464, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.7669, screen 0.0972 to screen 0.7872, screen 0.0972 nohead lw 2.5 lc rgb "#CC79A7" dt (3,3)
set label '90% depart within 8.1 days' at screen 0.7935, screen 0.0972 left font "Sans,13" textcolor rgb "#222222"
plot $t using 1:3:4 with filledcurves fc rgb "#bfdcec" fs solid 1 notitle, \
     $t using 1:2 with lines lw 2.5 lc rgb "#0072B2" notitle, \
     2.7109375 with lines dt (8,5) lw 1.8 lc rgb "#D55E00" notitle, \
     8.12578125 with lines dt (3,3) lw 2.5 lc rgb "#CC79A7" notitle
unset output
