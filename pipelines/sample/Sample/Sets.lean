import Sample.Basic

/-!
# Sets as predicates

Sets of natural numbers, inclusion between them and an infix notation for it.
-/

namespace Sample

/-- A set of natural numbers, given by its membership predicate. -/
abbrev NatSet := Nat → Prop

namespace NatSet

/-- `s` is included in `t` when every element of `s` belongs to `t`. -/
def Subset (s t : NatSet) : Prop := ∀ n, s n → t n

infix:50 " ≼ " => Subset

/-- Every set is included in itself. -/
@[simp] theorem subset_refl (s : NatSet) : s ≼ s := fun _ h => h

/-- The even numbers. -/
def evens : NatSet := fun n => n % 2 = 0

/-- Every double is even. -/
theorem doubles_subset_evens : (fun n => ∃ k, n = double k) ≼ evens := by
  intro n ⟨k, hk⟩
  subst hk
  show double k % 2 = 0
  unfold double
  omega

end NatSet

end Sample
