namespace OpenLine.Core;

/// <summary>What kind of money movement a ledger entry records.</summary>
public enum LedgerEntryKind : byte
{
    /// <summary>Cash in: from the outside world to a user.</summary>
    Deposit = 0,
    /// <summary>Cash out: from a user to the outside world.</summary>
    Withdrawal = 1,
    /// <summary>A graded bet's payment from the losing user to the winning one (the stake lost, or the win).</summary>
    Settlement = 2,
    /// <summary>A taker's commission on a graded bet, to the house.</summary>
    Commission = 3,
    /// <summary>Undoes an earlier entry (regrade or void): the same amount the other way.</summary>
    Reversal = 4,
    /// <summary>A balance carried over from a snapshot written before the ledger existed.</summary>
    Opening = 5,
}

/// <summary>Whose money an entry moves: a user, the house (commission), or the outside world (deposits and withdrawals).</summary>
public enum LedgerPartyKind : byte
{
    User = 0,
    House = 1,
    World = 2,
}

/// <summary>One side of a ledger entry.</summary>
public readonly record struct LedgerParty(LedgerPartyKind Kind, ObjectId Account)
{
    public static readonly LedgerParty House = new(LedgerPartyKind.House, ObjectId.Empty);
    public static readonly LedgerParty World = new(LedgerPartyKind.World, ObjectId.Empty);

    public static LedgerParty User(ObjectId account) => new(LedgerPartyKind.User, account);

    public override string ToString() => Kind switch
    {
        LedgerPartyKind.User => Account.ToString(),
        LedgerPartyKind.House => "house",
        _ => "world",
    };
}

/// <summary>
/// One line of the append-only, double-entry ledger: <see cref="Amount"/> (&gt; 0) moves from
/// <see cref="From"/> to <see cref="To"/>. A party's balance is Σ what came in − Σ what went out,
/// so the balances of all parties always sum to zero. Entries are never changed or removed; a
/// regrade or void appends <see cref="LedgerEntryKind.Reversal"/> entries instead.
/// </summary>
/// <param name="Sequence">1, 2, 3, … in the order the engine wrote them.</param>
/// <param name="At">The time of the command that wrote it (Unix ms).</param>
/// <param name="Reference">The bet (txID) a settlement, commission or reversal belongs to; empty for cash movements.</param>
/// <param name="Reverses">The sequence of the entry a reversal undoes; 0 otherwise.</param>
public readonly record struct LedgerEntry(
    long Sequence, long At, LedgerEntryKind Kind, LedgerParty From, LedgerParty To, Money Amount, ObjectId Reference, long Reverses = 0)
{
    /// <summary>What this entry changes <paramref name="party"/>'s balance by.</summary>
    public Money DeltaFor(LedgerParty party) =>
        To == party ? Amount : From == party ? -Amount : Money.Zero;
}
