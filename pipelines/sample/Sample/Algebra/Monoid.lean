import Sample.Order

/-!
# Monoids

A minimal monoid class with two instances, and the additivity of `quadruple`.
-/

universe u

namespace Sample

/-- A monoid: an associative operation with a neutral element. -/
class Monoid (α : Type u) where
  /-- The monoid operation. -/
  op : α → α → α
  /-- The neutral element. -/
  unit : α
  /-- `op` is associative. -/
  op_assoc : ∀ a b c : α, op (op a b) c = op a (op b c)
  /-- `unit` is a left identity. -/
  unit_op : ∀ a : α, op unit a = a
  /-- `unit` is a right identity. -/
  op_unit : ∀ a : α, op a unit = a

/-- Natural numbers under addition. -/
instance : Monoid Nat where
  op := Nat.add
  unit := 0
  op_assoc := Nat.add_assoc
  unit_op := Nat.zero_add
  op_unit := Nat.add_zero

/-- Lists under concatenation. -/
instance listMonoid {α : Type u} : Monoid (List α) where
  op := List.append
  unit := []
  op_assoc := List.append_assoc
  unit_op := List.nil_append
  op_unit := List.append_nil

section

variable {α : Type u} [Monoid α]

/-- The neutral element is unique. -/
theorem unit_unique (e : α) (h : ∀ a : α, Monoid.op e a = a) : e = Monoid.unit := by
  have h₁ := h Monoid.unit
  rw [Monoid.op_unit] at h₁
  exact h₁

end

/-- `quadruple` is additive. -/
theorem quadruple_add (m n : Nat) : quadruple (m + n) = quadruple m + quadruple n := by
  unfold quadruple
  rw [double_add, double_add]

end Sample
