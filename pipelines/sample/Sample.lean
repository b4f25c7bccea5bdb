import Sample.Basic
import Sample.Arith
import Sample.Order
import Sample.Algebra.Monoid
import Sample.Algebra.Group
import Sample.Sets
import Sample.Logic
import Sample.Mutual
import Sample.Tactics

/-!
# Sample

Root module of the herald sample library: it imports every module and declares nothing.
-/
