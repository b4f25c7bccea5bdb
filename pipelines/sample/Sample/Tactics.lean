import Sample.Algebra.Monoid

/-!
# Tactic states

Short tactic proofs whose intermediate goals hold what a proof state's renderer must repair:
anonymous instances, inaccessible names, a `let` with its value, a shadowed hypothesis and
steps that face two goals.
-/

universe u

namespace Sample

/-- The unit can be cancelled on both sides of an element. -/
theorem unit_op_op_unit {α : Type u} [Monoid α] :
    ∀ a : α, Monoid.op (Monoid.op Monoid.unit a) Monoid.unit = a := by
  intro _
  rw [Monoid.op_unit]
  exact Monoid.unit_op _

/-- A commutative addition, used at two pairs of summands. -/
theorem add_comm_both {α : Type u} [Add α] [Mul α] (comm : ∀ a b : α, a + b = b + a)
    (x y : α) : x * y + y * x = y * x + x * y ∧ x + y = y + x := by
  constructor
  · exact comm (x * y) (y * x)
  · exact comm x y

/-- A successor is at most its double, seen through a local definition. -/
theorem succ_le_double (n : Nat) : n + 1 ≤ double (n + 1) := by
  let m := n + 1
  show m ≤ double m
  exact le_double m

/-- Two opposite bounds give equal doubles; the second hypothesis `h` hides the first. -/
theorem double_eq_of_le_of_ge (m n : Nat) : m ≤ n → n ≤ m → double m = double n := by
  intro h
  intro h
  unfold double
  omega

/-- A number below another or equal to it is at most it. -/
theorem le_of_lt_or_eq {m n : Nat} : m < n ∨ m = n → m ≤ n := by
  intro h
  cases h
  all_goals omega

end Sample
