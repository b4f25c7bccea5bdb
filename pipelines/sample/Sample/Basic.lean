/-!
# Basic definitions

Doubling of natural numbers and points of the plane: the first link of the
sample's dependency chain.
-/

namespace Sample

/-- `double n` is `n + n`. -/
def double (n : Nat) : Nat := n + n

/-- Doubling agrees with multiplication by two. -/
theorem double_eq_two_mul (n : Nat) : double n = 2 * n := by
  unfold double
  omega

/-- A point of the plane with natural coordinates. -/
structure Point where
  /-- The first coordinate. -/
  x : Nat
  /-- The second coordinate. -/
  y : Nat

namespace Point

/-- Componentwise sum of two points. -/
def add (p q : Point) : Point := ⟨p.x + q.x, p.y + q.y⟩

/-- Addition of points is commutative. -/
protected theorem add_comm (p q : Point) : add p q = add q p := by
  cases p
  cases q
  simp [add, Nat.add_comm]

/-- The sum of both coordinates, private to this file. -/
private def weight (p : Point) : Nat := p.x + p.y

/-- The weight of a sum is the sum of the weights. -/
theorem weight_add (p q : Point) : weight (add p q) = weight p + weight q := by
  simp only [weight, add]
  omega

example : weight ⟨1, 2⟩ = 3 := rfl

end Point

end Sample
