set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'compare_years.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
set bars 1.2
unset grid
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set border 3 lw 1 lc rgb "#444444"
set xtics nomirror
set ytics nomirror
$y0f << EOD
3 70.5 26.02828342 114.9717166
6 101 50.17518106 151.8248189
EOD
$y0h << EOD
1 0 0 0
2 0 0 0
4 55 -288.0675279 398.0675279
5 110.5 -620.1067723 841.1067723
EOD
$y1h << EOD
1 0 0 0
2 0 0 0
3 37.5 -413.5702681 488.5702681
4 -5.5 -520.1012918 509.1012918
5 22.5 -149.0337639 194.0337639
6 -12.5 -361.9206302 336.9206302
EOD
$y2h << EOD
1 0 0 0
2 0 0 0
3 -31.5 -469.8640634 406.8640634
4 -0.5 -629.4571344 628.4571344
5 33.5 -1230.767371 1297.767371
6 -3.5 -314.802016 307.802016
EOD
$y3f << EOD
3 -5.853151101 -6.410290867 -5.296011334
5 -6.848201733 -8.069653831 -5.626749634
6 -7.386972145 -10.01290087 -4.761043421
EOD
$y3h << EOD
1 0 0 0
2 0 0 0
4 -7.181522269 -20.01812534 5.6550808
EOD
$y4h << EOD
1 0 0 0
2 0 0 0
3 8.251935139 -23.86721347 40.37108375
4 5.196476335 -23.67786152 34.0708142
5 1.045230039 -20.28102894 22.37148901
6 2.126522407 -8.065839034 12.31888385
EOD
$y5h << EOD
1 0 0 0
2 0 0 0
3 -89 -673.4854179 495.4854179
4 -75.5 -704.4571344 553.4571344
5 0 -673.428851 673.428851
6 -97.5 -1298.236348 1103.236348
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Effect by year: Netherlands: NGO return subsidy doubled from 2021' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Against the baseline: Netherlands baseline 2019-2024' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenarios nl-baseline (baseline) and nl-ngo-expansion (policy) · 2 paired replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Sources: DT&V Vertrekcijfers and Instroom- en vertrekcijfers; IOM NL; rrsim nl-baseline' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Policy minus baseline per calendar year, 1 Jan 2019 – 31 Dec 2024 · mean of paired replications with 95% confidence interval' at screen 0.02, screen 0.8722 left font "Sans,14" textcolor rgb "#444444"
set label 'Flows are summed over the year, caseloads taken at its end, means and shares recomputed from the year'."\047".'s parts.' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set label "" at screen 0.1717, screen 0.1444 point pt 7 ps 1.3 lc rgb "#0072B2" front
set label 'Difference, policy minus baseline' at screen 0.1881, screen 0.1444 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.4538, screen 0.1319 to screen 0.4538, screen 0.1569 heads size screen 0.005,90 lw 1.5 lc rgb "#333333" front
set label '95% confidence interval' at screen 0.4702, screen 0.1444 left font "Sans,13" textcolor rgb "#222222"
set label "" at screen 0.6718, screen 0.1444 point pt 6 ps 1.3 lc rgb "#0072B2" front
set label 'Interval includes zero' at screen 0.6882, screen 0.1444 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.3344, screen 0.1139 to screen 0.3547, screen 0.1139 nohead lw 2 lc rgb "#D55E00" dt (8,5)
set label 'Policy from 1 Jan 2021 (event ngo_subsidy)' at screen 0.3609, screen 0.1139 left font "Sans,13" textcolor rgb "#222222"
set lmargin at screen 0.0739
set rmargin at screen 0.3244
set tmargin at screen 0.8028
set bmargin at screen 0.5861
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-1000:1000]
set ytics ('−1,000' -1000, '−500' -500, '0' 0, '+500' 500, '+1,000' 1000)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Verified departures, persons' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y0f using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle, \
     $y0h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y0h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y0h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.3939
set rmargin at screen 0.6444
set tmargin at screen 0.8028
set bmargin at screen 0.5861
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-1000:1000]
set ytics ('−1,000' -1000, '−500' -500, '0' 0, '+500' 500, '+1,000' 1000)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Departures without supervision, persons' at screen 0.3509, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y1h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y1h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y1h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7139
set rmargin at screen 0.9644
set tmargin at screen 0.8028
set bmargin at screen 0.5861
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-2000:2000]
set ytics ('−2,000' -2000, '−1,000' -1000, '0' 0, '+1,000' 1000, '+2,000' 2000)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Forced returns, persons' at screen 0.6709, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y2h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y2h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y2h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.0552
set rmargin at screen 0.3244
set tmargin at screen 0.4861
set bmargin at screen 0.2694
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-30:10]
set ytics ('−30' -30, '−20' -20, '−10' -10, '0' 0, '+10' 10)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'IOM share of assisted returns, % points' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y3f using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle, \
     $y3h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y3h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y3h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.3752
set rmargin at screen 0.6444
set tmargin at screen 0.4861
set bmargin at screen 0.2694
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-40:60]
set ytics ('−40' -40, '−20' -20, '0' 0, '+20' 20, '+40' 40, '+60' 60)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Mean days from entry to departure, days' at screen 0.3509, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y4h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y4h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y4h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7139
set rmargin at screen 0.9644
set tmargin at screen 0.4861
set bmargin at screen 0.2694
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-2000:2000]
set ytics ('−2,000' -2000, '−1,000' -1000, '0' 0, '+1,000' 1000, '+2,000' 2000)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Caseload at the year'."\047".'s end, persons' at screen 0.6709, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y5h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y5h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y5h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset multiplot
unset output
