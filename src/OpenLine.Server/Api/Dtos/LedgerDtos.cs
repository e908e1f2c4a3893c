namespace OpenLine.Server.Api.Dtos;

/// <summary>
/// The totals of rules §9's identity, deposits − withdrawals = balances + commission (all exact, in
/// dollars), whether it holds, Σ user liability for information, how many ledger entries exist, and
/// the accounts that owe money (negative available, which only a settlement correction can cause).
/// </summary>
public sealed record LedgerDto(
    decimal Deposits, decimal Withdrawals, decimal Balances, decimal Commission, decimal Liability, long Entries, bool IdentityHolds,
    IReadOnlyList<OverdrawnAccountDto> Overdrawn);

/// <summary>
/// One ledger entry: <c>amount</c> (&gt; 0) moved from <c>from</c> to <c>to</c>, each a user id,
/// <c>house</c> (commission) or <c>world</c> (deposits and withdrawals). <c>kind</c> is deposit,
/// withdrawal, settlement, commission, reversal or opening; <c>reference</c> the bet's txID
/// (null for cash movements); <c>reverses</c> the sequence a reversal undoes.
/// </summary>
public sealed record LedgerEntryDto(long Sequence, string Kind, string From, string To, decimal Amount, string? Reference, long? Reverses, string At);

/// <summary>A page of entries in sequence order; pass <c>next</c> as <c>after</c> for the following page.</summary>
public sealed record LedgerEntriesDto(IReadOnlyList<LedgerEntryDto> Entries, long Next, bool HasMore);

/// <summary>
/// One ledger entry from a user's side: <c>amount</c> is signed (+ in, − out), <c>counterparty</c>
/// the other party (a user id, <c>house</c> or <c>world</c>), and <c>balance</c> the user's running
/// balance after it.
/// </summary>
public sealed record UserLedgerEntryDto(
    long Sequence, string Kind, string Counterparty, string? CounterpartyUsername, decimal Amount, string? Reference, long? Reverses, string At,
    decimal Balance);

/// <summary>A page of a user's ledger; on the last page (<c>hasMore</c> false) the last <c>balance</c> equals <c>displayBalance</c>.</summary>
public sealed record UserLedgerDto(
    string UserID, string Username, decimal DisplayBalance, IReadOnlyList<UserLedgerEntryDto> Entries, long Next, bool HasMore);
