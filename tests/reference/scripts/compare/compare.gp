set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'compare.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
set bars 1.2
unset grid
set grid xtics lc rgb "#e3e3e3" lw 1 dt 1
set border 1 lw 1 lc rgb "#444444"
unset ytics
$c0f << EOD
678.5 3 468.8476219 888.1523781
20.5 9 1.440692896 39.5593071
229 17 203.5875905 254.4124095
EOD
$c0h << EOD
-266 2 -825.0730084 293.0730084
-73.5 4 -562.6888823 415.6888823
-2 5 -764.3722842 760.3722842
337 6 -145.83578 819.83578
42 7 -415.4233705 499.4233705
-261 10 -1506.208064 984.2080641
-97.5 11 -1298.236348 1103.236348
-1.247766092 12 -31.03356051 28.53802832
169 14 -695.0219221 1033.021922
-185 15 -680.5419847 310.5419847
124 16 -15.7682521 263.7682521
EOD
$c1h << EOD
2.588457145 2 -4.306608165 9.483522455
2 3 -4.353102368 8.353102368
7.65 4 -28.5626835 43.8626835
EOD
$c2f << EOD
-4.509628844 4 -5.78174902 -3.237508667
EOD
$c2h << EOD
-0.168451329 2 -0.9827842447 0.6458815867
-0.1877567722 3 -2.35279631 1.977282766
EOD
set multiplot
unset label
unset object
unset arrow
set label 'nl-ngo-expansion compared with nl-baseline' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Policy: Netherlands: NGO return subsidy doubled from 2021 · baseline: Netherlands baseline 2019-2024' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenarios nl-baseline (baseline) and nl-ngo-expansion (policy) · 2 paired replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Sources: DT&V Vertrekcijfers and Instroom- en vertrekcijfers; IOM NL; rrsim nl-baseline' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Policy minus baseline over 1 Jan 2019 – 31 Dec 2024 · mean of 2 paired replications with 95% confidence interval' at screen 0.02, screen 0.8750 left font "Sans,14" textcolor rgb "#444444"
set label 'Replication i of both scenarios uses the same random numbers, so the differences are the policy'."\047".'s. The same in both: Caseload: At the start.' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set label "" at screen 0.1017, screen 0.1222 point pt 7 ps 1.3 lc rgb "#0072B2" front
set label 'Difference, policy minus baseline' at screen 0.1181, screen 0.1222 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.3759, screen 0.1222 to screen 0.3915, screen 0.1222 heads size screen 0.005,90 lw 1.5 lc rgb "#333333" front
set label '95% confidence interval' at screen 0.4001, screen 0.1222 left font "Sans,13" textcolor rgb "#222222"
set label "" at screen 0.6018, screen 0.1222 point pt 6 ps 1.3 lc rgb "#0072B2" front
set label 'Interval includes zero: no clear difference' at screen 0.6182, screen 0.1222 left font "Sans,13" textcolor rgb "#222222"
set lmargin at screen 0.2371
set rmargin at screen 0.4075
set tmargin at screen 0.8278
set bmargin at screen 0.2361
set xrange [-1636.680285:1233.708569]
set xtics ('−1,000' -1000, '0' 0, '+1,000' 1000)
set yrange [17.6000:0.7]
set label 'Difference, persons' at screen 0.3223, screen 0.1722 center font "Sans,12" textcolor rgb "#333333"
set arrow from first 0, graph 0 to first 0, graph 1 nohead lw 1.5 lc rgb "#333333" back
set label 'Departures' at screen 0.0200, first 1 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'Voluntary, with IOM' at screen 0.0309, first 2 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 2 to graph 1, first 2 nohead lw 1 lc rgb "#eeeeee" back
set label '−266 (−1.9%)' at screen 0.4153, first 2 left font "Sans,11" textcolor rgb "#222222"
set label 'Voluntary, with an NGO' at screen 0.0309, first 3 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 3 to graph 1, first 3 nohead lw 1 lc rgb "#eeeeee" back
set label '+678 (+150%)' at screen 0.4153, first 3 left font "Sans,11" textcolor rgb "#222222"
set label 'Self-arranged, verified' at screen 0.0309, first 4 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 4 to graph 1, first 4 nohead lw 1 lc rgb "#eeeeee" back
set label '−74 (−1.5%)' at screen 0.4153, first 4 left font "Sans,11" textcolor rgb "#222222"
set label 'Forced' at screen 0.0309, first 5 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 5 to graph 1, first 5 nohead lw 1 lc rgb "#eeeeee" back
set label '−2.0 (0.0%)' at screen 0.4153, first 5 left font "Sans,11" textcolor rgb "#222222"
set label 'Verified (the four above)' at screen 0.0309, first 6 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 6 to graph 1, first 6 nohead lw 1 lc rgb "#eeeeee" back
set label '+337 (+1.0%)' at screen 0.4153, first 6 left font "Sans,11" textcolor rgb "#222222"
set label 'Without supervision' at screen 0.0309, first 7 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 7 to graph 1, first 7 nohead lw 1 lc rgb "#eeeeee" back
set label '+42 (+0.1%)' at screen 0.4153, first 7 left font "Sans,11" textcolor rgb "#222222"
set label 'Caseload' at screen 0.0200, first 8 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'New cases (arrivals)' at screen 0.0309, first 9 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 9 to graph 1, first 9 nohead lw 1 lc rgb "#eeeeee" back
set label '+20 (0.0%)' at screen 0.4153, first 9 left font "Sans,11" textcolor rgb "#222222"
set label 'Closed otherwise (e.g. permit)' at screen 0.0309, first 10 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 10 to graph 1, first 10 nohead lw 1 lc rgb "#eeeeee" back
set label '−261 (−1.1%)' at screen 0.4153, first 10 left font "Sans,11" textcolor rgb "#222222"
set label 'At the end' at screen 0.0309, first 11 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 11 to graph 1, first 11 nohead lw 1 lc rgb "#eeeeee" back
set label '−98 (−0.7%)' at screen 0.4153, first 11 left font "Sans,11" textcolor rgb "#222222"
set label 'In detention, on average' at screen 0.0309, first 12 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 12 to graph 1, first 12 nohead lw 1 lc rgb "#eeeeee" back
set label '−1.2 (−0.4%)' at screen 0.4153, first 12 left font "Sans,11" textcolor rgb "#222222"
set label 'Reintegration provider' at screen 0.0200, first 13 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'No provider' at screen 0.0309, first 14 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 14 to graph 1, first 14 nohead lw 1 lc rgb "#eeeeee" back
set label '+169 (+1.6%)' at screen 0.4153, first 14 left font "Sans,11" textcolor rgb "#222222"
set label 'IOM' at screen 0.0309, first 15 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 15 to graph 1, first 15 nohead lw 1 lc rgb "#eeeeee" back
set label '−185 (−1.6%)' at screen 0.4153, first 15 left font "Sans,11" textcolor rgb "#222222"
set label 'ERRIN' at screen 0.0309, first 16 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 16 to graph 1, first 16 nohead lw 1 lc rgb "#eeeeee" back
set label '+124 (+2.1%)' at screen 0.4153, first 16 left font "Sans,11" textcolor rgb "#222222"
set label 'Frontex' at screen 0.0309, first 17 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 17 to graph 1, first 17 nohead lw 1 lc rgb "#eeeeee" back
set label '+229 (+4.8%)' at screen 0.4153, first 17 left font "Sans,11" textcolor rgb "#222222"
plot $c0f using 1:2:3:4 with xerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle, \
     $c0h using 1:2:3:4 with xerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $c0h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $c0h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7592
set rmargin at screen 0.8950
set tmargin at screen 0.8278
set bmargin at screen 0.6486
set xrange [-32.18395185:47.48395185]
set xtics ('−20' -20, '0' 0, '+20' 20, '+40' 40)
set yrange [4.6000:0.7]
set label 'Difference, days' at screen 0.8271, screen 0.5847 center font "Sans,12" textcolor rgb "#333333"
set arrow from first 0, graph 0 to first 0, graph 1 nohead lw 1.5 lc rgb "#333333" back
set label 'Time from entry to departure' at screen 0.5400, first 1 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'Mean' at screen 0.5509, first 2 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 2 to graph 1, first 2 nohead lw 1 lc rgb "#eeeeee" back
set label '+2.6 (+1.3%)' at screen 0.9028, first 2 left font "Sans,11" textcolor rgb "#222222"
set label 'Median' at screen 0.5509, first 3 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 3 to graph 1, first 3 nohead lw 1 lc rgb "#eeeeee" back
set label '+2.0 (+1.8%)' at screen 0.9028, first 3 left font "Sans,11" textcolor rgb "#222222"
set label '90% have departed within' at screen 0.5509, first 4 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 4 to graph 1, first 4 nohead lw 1 lc rgb "#eeeeee" back
set label '+7.7 (+1.5%)' at screen 0.9028, first 4 left font "Sans,11" textcolor rgb "#222222"
plot $c1h using 1:2:3:4 with xerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $c1h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $c1h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7510
set rmargin at screen 0.9179
set tmargin at screen 0.5181
set bmargin at screen 0.3389
set xrange [-6.169700609:2.365234355]
set xtics ('−6' -6, '−4' -4, '−2' -2, '0' 0, '+2' 2)
set yrange [4.6000:0.7]
set label 'Difference, percentage points' at screen 0.8345, screen 0.2750 center font "Sans,12" textcolor rgb "#333333"
set arrow from first 0, graph 0 to first 0, graph 1 nohead lw 1.5 lc rgb "#333333" back
set label 'Shares' at screen 0.5400, first 1 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'Sustainable reintegrations' at screen 0.5509, first 2 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 2 to graph 1, first 2 nohead lw 1 lc rgb "#eeeeee" back
set label '−0.17 pp' at screen 0.9258, first 2 left font "Sans,11" textcolor rgb "#222222"
set label 'Returnees given support' at screen 0.5509, first 3 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 3 to graph 1, first 3 nohead lw 1 lc rgb "#eeeeee" back
set label '−0.19 pp' at screen 0.9258, first 3 left font "Sans,11" textcolor rgb "#222222"
set label 'IOM share of assisted returns' at screen 0.5509, first 4 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 4 to graph 1, first 4 nohead lw 1 lc rgb "#eeeeee" back
set label '−4.5 pp' at screen 0.9258, first 4 left font "Sans,11" textcolor rgb "#222222"
plot $c2f using 1:2:3:4 with xerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle, \
     $c2h using 1:2:3:4 with xerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $c2h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $c2h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset multiplot
unset output
