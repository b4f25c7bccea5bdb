import Sample.Basic

/-!
# Arithmetic

Additivity of `double`, and `triple`, a structurally recursive function.
-/

namespace Sample

/-- Doubling distributes over addition. -/
theorem double_add (m n : Nat) : double (m + n) = double m + double n := by
  simp only [double]
  omega

/-- `triple n` adds three, `n` times. -/
def triple : Nat → Nat
  | 0 => 0
  | n + 1 => triple n + 3

/-- `triple` is multiplication by three. -/
theorem triple_eq (n : Nat) : triple n = 3 * n := by
  induction n with
  | zero => rfl
  | succ k ih =>
    rw [triple]
    omega

/-- A value of `triple`, computed by unfolding it. -/
theorem triple_one : triple 1 = 3 := by
  unfold triple
  rfl

end Sample
