namespace OpenLine.Core;

/// <summary>
/// The append-only, double-entry record of every money movement (issue step 5): deposits,
/// withdrawals, each graded bet's settlement between its two users and the taker's commission to
/// the house. Users' <see cref="Account.Balance"/> and <see cref="HouseBalance"/> are running
/// sums of these entries; <see cref="Exchange.ValidateInternalState"/> recomputes them.
/// </summary>
public sealed class Ledger
{
    private readonly List<LedgerEntry> _entries = [];
    private readonly Dictionary<ObjectId, List<(long Sequence, Money Balance)>> _histories = [];

    /// <summary>Every entry, oldest first; entry n has <see cref="LedgerEntry.Sequence"/> n + 1.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _entries;

    /// <summary>Σ commission the house holds (commission in, minus reversed commission).</summary>
    public Money HouseBalance { get; private set; }

    /// <summary>Σ deposits − Σ withdrawals: the net cash the outside world has put in.</summary>
    public Money NetFunding { get; private set; }

    public LedgerEntry this[long sequence] => _entries[checked((int)(sequence - 1))];

    /// <summary>A user's entries in order: each entry's sequence and the user's balance after it.</summary>
    public IReadOnlyList<(long Sequence, Money Balance)> HistoryOf(ObjectId account) =>
        _histories.TryGetValue(account, out List<(long Sequence, Money Balance)>? history) ? history : [];

    internal LedgerEntry Append(long at, LedgerEntryKind kind, LedgerParty from, LedgerParty to, Money amount, ObjectId reference, long reverses = 0)
    {
        if (!amount.IsPositive || from == to)
        {
            throw new InvalidOperationException($"A ledger entry moves a positive amount between two parties ({kind} {amount} {from}→{to}).");
        }
        var entry = new LedgerEntry(_entries.Count + 1, at, kind, from, to, amount, reference, reverses);
        _entries.Add(entry);
        Record(entry.From, entry);
        Record(entry.To, entry);
        HouseBalance += entry.DeltaFor(LedgerParty.House);
        NetFunding -= entry.DeltaFor(LedgerParty.World);
        return entry;
    }

    private void Record(LedgerParty party, LedgerEntry entry)
    {
        if (party.Kind != LedgerPartyKind.User)
        {
            return;
        }
        if (!_histories.TryGetValue(party.Account, out List<(long Sequence, Money Balance)>? history))
        {
            _histories[party.Account] = history = [];
        }
        Money before = history.Count == 0 ? Money.Zero : history[^1].Balance;
        history.Add((entry.Sequence, before + entry.DeltaFor(party)));
    }

    /// <summary>Appends the reversal of entry <paramref name="sequence"/>: the same amount, the other way.</summary>
    internal LedgerEntry Reverse(long at, long sequence)
    {
        LedgerEntry original = this[sequence];
        return Append(at, LedgerEntryKind.Reversal, original.To, original.From, original.Amount, original.Reference, original.Sequence);
    }

    /// <summary>Restores entries from a snapshot, in order.</summary>
    internal void Restore(LedgerEntry entry)
    {
        if (entry.Sequence != _entries.Count + 1)
        {
            throw new FormatException("Ledger entries out of sequence.");
        }
        _ = Append(entry.At, entry.Kind, entry.From, entry.To, entry.Amount, entry.Reference, entry.Reverses);
    }
}
