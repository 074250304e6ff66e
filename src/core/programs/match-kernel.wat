;; The P(match) kernel of match-probability.ts (`matchCurveForList`), two strength draws at a time.
;;
;; Spec: exactly the arithmetic of the JavaScript kernel, operation for operation, so the results
;; are the same bits. Each lane of an f64x2 is one draw; WebAssembly's f64x2 add, sub, mul and div
;; are IEEE 754 double operations rounded to nearest, as JavaScript's are, and nothing is fused.
;; For each pair of draws g (draws 2g and 2g + 1), the distribution of the interview count starts
;; at K = 0 and takes the programs in order: program i moves mass up one bin with
;; p = s_i / (1 + e^-l_i · e^-u), in bins up to min(i + 1, K) (bin K pools K or more).
;; After program i, bin 0 is added to none[i] (lane 0, then lane 1, so the sums run over draws in
;; order, as the JavaScript loop adds them); with `prefix`, or after the last program, P(match | u)
;; = Σ_{k=1..top} bin_k · m_k is read, kept per draw and added to pm[i] the same way.
;;
;; Memory (bytes, f64 unless said): u at pU (D values e^-u, in draw order), m at pM (K + 1),
;; e^-l at pL (n; +Infinity for no chance), s at pS (n), rows at pRows (D/2 × (K + 1) f64x2,
;; scratch), perDraw at pPer (D), none at pNone (n, zeroed by the caller), pm at pPm (n, zeroed),
;; prefix at pPre (n × D: row i is the list cut after program i). D is even.
;;
;; Rebuilt into match-kernel-wasm.ts by `npm run build:kernel`; a test checks the two agree.
(module
  (memory (export "memory") 1)
  (func (export "curve")
    (param $n i32) (param $K i32) (param $D i32) (param $prefix i32)
    (param $pU i32) (param $pM i32) (param $pL i32) (param $pS i32) (param $pRows i32)
    (param $pPer i32) (param $pNone i32) (param $pPm i32) (param $pPre i32)
    (local $g i32) (local $pairs i32) (local $W16 i32) (local $R i32) (local $i i32)
    (local $k i32) (local $top i32) (local $addr i32) (local $off i32) (local $last i32)
    (local $end i32) (local $mAddr i32) (local $reading i32)
    (local $p v128) (local $q v128) (local $eu v128) (local $one v128) (local $new v128)
    (local $above v128) (local $below v128) (local $pm v128) (local $row0 v128)
    (local.set $pairs (i32.shr_u (local.get $D) (i32.const 1)))
    (local.set $W16 (i32.shl (i32.add (local.get $K) (i32.const 1)) (i32.const 4)))
    (local.set $last (i32.sub (local.get $n) (i32.const 1)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $g (i32.const 0))
    (block $pairsDone
      (loop $pairLoop
        (br_if $pairsDone (i32.ge_u (local.get $g) (local.get $pairs)))
        (local.set $R (i32.add (local.get $pRows) (i32.mul (local.get $g) (local.get $W16))))
        ;; K = 0 with certainty before any program.
        (v128.store (local.get $R) (local.get $one))
        (local.set $k (i32.const 1))
        (block $clearDone
          (loop $clear
            (br_if $clearDone (i32.gt_s (local.get $k) (local.get $K)))
            (v128.store
              (i32.add (local.get $R) (i32.shl (local.get $k) (i32.const 4)))
              (v128.const i64x2 0 0))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $clear)))
        (local.set $eu (v128.load (i32.add (local.get $pU) (i32.shl (local.get $g) (i32.const 4)))))
        (local.set $i (i32.const 0))
        (block $programsDone
          (loop $programLoop
            (br_if $programsDone (i32.ge_s (local.get $i) (local.get $n)))
            ;; p = s / (1 + e^-l · e^-u), q = 1 - p
            (local.set $p
              (f64x2.div
                (f64x2.splat (f64.load (i32.add (local.get $pS) (i32.shl (local.get $i) (i32.const 3)))))
                (f64x2.add
                  (local.get $one)
                  (f64x2.mul
                    (f64x2.splat (f64.load (i32.add (local.get $pL) (i32.shl (local.get $i) (i32.const 3)))))
                    (local.get $eu)))))
            (local.set $q (f64x2.sub (local.get $one) (local.get $p)))
            (local.set $top
              (select
                (i32.add (local.get $i) (i32.const 1))
                (local.get $K)
                (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $K))))
            ;; Bins from the bottom up, each new value from the old one and the old one below
            ;; (kept in $below): new_k = old_k · q + old_(k-1) · p, and for the pooled top bin
            ;; new_K = old_K + old_(K-1) · p. The bins are independent of the order they are
            ;; written in, so this is the JavaScript kernel's arithmetic, written top down there.
            ;; When P(match) is read, Σ new_k · m_k is added up in the same pass, from k = 1 up,
            ;; as the JavaScript kernel adds it.
            (local.set $reading (i32.or (local.get $prefix) (i32.eq (local.get $i) (local.get $last))))
            (local.set $below (v128.load (local.get $R)))
            (local.set $row0 (f64x2.mul (local.get $below) (local.get $q)))
            (v128.store (local.get $R) (local.get $row0))
            (local.set $pm (v128.const i64x2 0 0))
            ;; The last bin the loop writes: the top one, or the one under the pooled top.
            (local.set $end
              (i32.add (local.get $R)
                (i32.shl
                  (select (i32.sub (local.get $K) (i32.const 1)) (local.get $top) (i32.eq (local.get $top) (local.get $K)))
                  (i32.const 4))))
            (local.set $addr (i32.add (local.get $R) (i32.const 16)))
            (local.set $mAddr (i32.add (local.get $pM) (i32.const 8)))
            (if (local.get $reading)
              (then
                (block $readDone
                  (loop $readBins
                    (br_if $readDone (i32.gt_u (local.get $addr) (local.get $end)))
                    (local.set $above (v128.load (local.get $addr)))
                    (local.set $new
                      (f64x2.add
                        (f64x2.mul (local.get $above) (local.get $q))
                        (f64x2.mul (local.get $below) (local.get $p))))
                    (v128.store (local.get $addr) (local.get $new))
                    (local.set $pm
                      (f64x2.add (local.get $pm)
                        (f64x2.mul (local.get $new) (f64x2.splat (f64.load (local.get $mAddr))))))
                    (local.set $below (local.get $above))
                    (local.set $addr (i32.add (local.get $addr) (i32.const 16)))
                    (local.set $mAddr (i32.add (local.get $mAddr) (i32.const 8)))
                    (br $readBins))))
              (else
                (block $binsDone
                  (loop $bins
                    (br_if $binsDone (i32.gt_u (local.get $addr) (local.get $end)))
                    (local.set $above (v128.load (local.get $addr)))
                    (v128.store (local.get $addr)
                      (f64x2.add
                        (f64x2.mul (local.get $above) (local.get $q))
                        (f64x2.mul (local.get $below) (local.get $p))))
                    (local.set $below (local.get $above))
                    (local.set $addr (i32.add (local.get $addr) (i32.const 16)))
                    (br $bins)))))
            ;; The pooled top bin keeps its mass and gains from the one below.
            (if (i32.eq (local.get $top) (local.get $K))
              (then
                (local.set $new
                  (f64x2.add (v128.load (local.get $addr)) (f64x2.mul (local.get $below) (local.get $p))))
                (v128.store (local.get $addr) (local.get $new))
                (if (local.get $reading)
                  (then
                    (local.set $pm
                      (f64x2.add (local.get $pm)
                        (f64x2.mul (local.get $new) (f64x2.splat (f64.load (local.get $mAddr))))))))))
            (local.set $off (i32.add (local.get $pNone) (i32.shl (local.get $i) (i32.const 3))))
            (f64.store (local.get $off)
              (f64.add
                (f64.add (f64.load (local.get $off)) (f64x2.extract_lane 0 (local.get $row0)))
                (f64x2.extract_lane 1 (local.get $row0))))
            (if (local.get $reading)
              (then
                (if (i32.eq (local.get $i) (local.get $last))
                  (then
                    (v128.store
                      (i32.add (local.get $pPer) (i32.shl (local.get $g) (i32.const 4)))
                      (local.get $pm))))
                (if (local.get $prefix)
                  (then
                    (local.set $off (i32.add (local.get $pPm) (i32.shl (local.get $i) (i32.const 3))))
                    (f64.store (local.get $off)
                      (f64.add
                        (f64.add (f64.load (local.get $off)) (f64x2.extract_lane 0 (local.get $pm)))
                        (f64x2.extract_lane 1 (local.get $pm))))
                    (v128.store
                      (i32.add
                        (local.get $pPre)
                        (i32.shl
                          (i32.add (i32.mul (local.get $i) (local.get $D)) (i32.shl (local.get $g) (i32.const 1)))
                          (i32.const 3)))
                      (local.get $pm))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $programLoop)))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $pairLoop)))))
