import Sample.Logic

/-!
# Mutual recursion

Parity by mutually recursive functions and by mutually inductive predicates.
-/

namespace Sample

mutual

/-- `isEven n` holds when `n` is even. -/
def isEven : Nat → Bool
  | 0 => true
  | n + 1 => isOdd n

/-- `isOdd n` holds when `n` is odd. -/
def isOdd : Nat → Bool
  | 0 => false
  | n + 1 => isEven n

end

mutual

/-- Evenness, inductively. -/
inductive Even : Nat → Prop where
  | zero : Even 0
  | succ {n : Nat} : Odd n → Even (n + 1)

/-- Oddness, inductively. -/
inductive Odd : Nat → Prop where
  | succ {n : Nat} : Even n → Odd (n + 1)

end

/-- Every number is even or odd. -/
theorem isEven_or_isOdd (n : Nat) : isEven n = true ∨ isOdd n = true := by
  induction n with
  | zero => simp [isEven]
  | succ k ih =>
    simp only [isEven, isOdd]
    exact ih.symm

/-- Adding two preserves evenness. -/
theorem Even.add_two {n : Nat} (h : Even n) : Even (n + 2) :=
  Even.succ (Odd.succ h)

end Sample
