/-!
# Logic

Small propositional facts, a three-valued truth type and propositional formulas.
-/

namespace Sample.Logic

variable {p q : Prop}

/-- Conjunction is commutative. -/
theorem and_swap (h : p ∧ q) : q ∧ p := by
  constructor
  · exact h.2
  · exact h.1

/-- Disjunction is commutative. -/
theorem or_swap : p ∨ q → q ∨ p := by
  intro h
  cases h with
  | inl hp => exact Or.inr hp
  | inr hq => exact Or.inl hq

/-- Three-valued truth. -/
inductive Tri where
  /-- Certainly true. -/
  | yes
  /-- Certainly false. -/
  | no
  /-- Not known. -/
  | unknown

/-- Conjunction of three-valued truths. -/
def Tri.and : Tri → Tri → Tri
  | .no, _ => .no
  | _, .no => .no
  | .yes, .yes => .yes
  | _, _ => .unknown

/-- `no` absorbs on the right. -/
theorem Tri.and_no (t : Tri) : Tri.and t .no = .no := by
  cases t
  repeat rfl

/-- Propositional formulas over numbered variables. -/
inductive Formula where
  | var (n : Nat)
  | neg (φ : Formula)
  | conj (φ ψ : Formula)

/-- The number of connectives of a formula. -/
def Formula.size : Formula → Nat
  | .var _ => 0
  | .neg φ => φ.size + 1
  | .conj φ ψ => φ.size + ψ.size + 1

end Sample.Logic
