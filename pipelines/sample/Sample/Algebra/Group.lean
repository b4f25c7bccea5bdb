import Sample.Algebra.Monoid

/-!
# Additive maps

Maps of natural numbers that preserve addition; `quadruple` is one of them.
-/

namespace Sample

/-- A map of natural numbers that preserves addition. -/
structure AddHom where
  /-- The underlying function. -/
  toFun : Nat → Nat
  /-- The map preserves sums. -/
  map_add : ∀ m n, toFun (m + n) = toFun m + toFun n

/-- Quadrupling, as an additive map. -/
def quadHom : AddHom := ⟨quadruple, quadruple_add⟩

/-- The composition of two additive maps. -/
def AddHom.comp (g f : AddHom) : AddHom where
  toFun n := g.toFun (f.toFun n)
  map_add := by
    intro m n
    simp only [AddHom.map_add]

/-- `quadHom` sends a sum to the sum of the quadruples. -/
theorem quadHom_add (m n : Nat) : quadHom.toFun (m + n) = quadruple m + quadruple n := by
  rw [quadHom.map_add]
  rfl

open AddHom (comp)

/-- Composing `quadHom` with itself quadruples twice. -/
theorem comp_quadHom (n : Nat) : (comp quadHom quadHom).toFun n = quadruple (quadruple n) :=
  rfl

end Sample
