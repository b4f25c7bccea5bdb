import Sample.Arith

/-!
# Order

Monotonicity of doubling, and `quadruple`, the next link of the chain.
-/

namespace Sample

/-- `quadruple n` doubles `n` twice. -/
def quadruple (n : Nat) : Nat := double (double n)

/-- `quadruple` is multiplication by four. -/
theorem quadruple_eq (n : Nat) : quadruple n = 4 * n := by
  let d := double n
  have hd : d = 2 * n := double_eq_two_mul n
  show double d = 4 * n
  rw [double_eq_two_mul, hd]
  omega

/-- Doubling is monotone. -/
theorem double_le_double {m n : Nat} (h : m ≤ n) : double m ≤ double n := by
  unfold double
  omega

/-- Quadrupling is monotone. -/
theorem quadruple_mono : ∀ m n : Nat, m ≤ n → quadruple m ≤ quadruple n := by
  intro _ _ h
  exact double_le_double (double_le_double h)

open Nat in
/-- A number is at most its double. -/
theorem le_double (n : Nat) : n ≤ double n := by
  unfold double
  exact le_add_right n n

section

variable (k : Nat)

/-- Adding the same number on both sides keeps doubles ordered. -/
theorem double_add_le {m n : Nat} (h : m ≤ n) : double (m + k) ≤ double (n + k) := by
  rw [double_add, double_add]
  have h₂ := double_le_double h
  omega

end

end Sample
