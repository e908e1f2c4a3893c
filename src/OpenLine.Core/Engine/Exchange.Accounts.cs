namespace OpenLine.Core;

// Accounts, cash movements and login tokens.
public sealed partial class Exchange
{
    /// <summary>The longest username accepted.</summary>
    public const int MaxUsernameLength = 64;

    private CommandResult CreateAccount(CreateAccount command, List<ExchangeEvent> events)
    {
        string username = command.Username.Trim();
        if (username.Length == 0 || username.Length > MaxUsernameLength || username.Any(char.IsControl))
        {
            return new Rejected(RejectReason.InvalidAccount, $"username must be 1 to {MaxUsernameLength} printable characters");
        }
        if (_accountsByUsername.ContainsKey(username))
        {
            return new Rejected(RejectReason.UsernameTaken, "username is taken");
        }
        if (command.CreditLimit.IsPositive)
        {
            return new Rejected(RejectReason.InvalidAccount, "creditLimit must be 0 or negative");
        }
        if (command.Balance.IsNegative || command.Balance > Money.MaxStake)
        {
            return new Rejected(RejectReason.InvalidAmount, "balance must be from 0 to 1000000000000");
        }
        var account = new Account(_ids.Next(Now), username, command.PasswordHash, command.CreditLimit, command.Commission, Now);
        _accounts.Add(account.Id, account);
        _accountsByUsername.Add(username, account);
        events.Add(new AccountCreated(Now, account.Id, username));
        if (command.Balance.IsPositive)
        {
            Credit(account, command.Balance, events);
        }
        return new AccountResult(account);
    }

    private CommandResult ApplyDeposit(Deposit command, List<ExchangeEvent> events)
    {
        if (!_accounts.TryGetValue(command.AccountId, out Account? account))
        {
            return new Rejected(RejectReason.UnknownAccount, "user not found");
        }
        if (!command.Amount.IsPositive || command.Amount > Money.MaxStake)
        {
            return new Rejected(RejectReason.InvalidAmount, "amount must be greater than 0 and at most 1000000000000");
        }
        Credit(account, command.Amount, events);
        return new AccountResult(account);
    }

    private void Credit(Account account, Money amount, List<ExchangeEvent> events)
    {
        Post(LedgerEntryKind.Deposit, LedgerParty.World, LedgerParty.User(account.Id), amount, ObjectId.Empty);
        TotalDeposits += amount;
        events.Add(new BalanceChanged(Now, account.Id, amount, account.Balance));
    }

    private CommandResult ApplyWithdraw(Withdraw command, List<ExchangeEvent> events)
    {
        if (!_accounts.TryGetValue(command.AccountId, out Account? account))
        {
            return new Rejected(RejectReason.UnknownAccount, "user not found");
        }
        if (!command.Amount.IsPositive || command.Amount > Money.MaxStake)
        {
            return new Rejected(RejectReason.InvalidAmount, "amount must be greater than 0 and at most 1000000000000");
        }
        // Only cash that backs no open order or bet may leave, and never on credit.
        Money withdrawable = Money.Max(Money.Zero, account.Balance + account.Liability);
        if (command.Amount > withdrawable)
        {
            return new Rejected(RejectReason.InsufficientFunds,
                $"Insufficient funds: ${withdrawable.ToDecimal(2):0.00} can be withdrawn (balance ${account.Balance.ToDecimal(2):0.00}, liability ${account.Liability.ToDecimal(2):0.00}).");
        }
        Post(LedgerEntryKind.Withdrawal, LedgerParty.User(account.Id), LedgerParty.World, command.Amount, ObjectId.Empty);
        TotalWithdrawals += command.Amount;
        events.Add(new BalanceChanged(Now, account.Id, -command.Amount, account.Balance));
        return new AccountResult(account);
    }

    private CommandResult Issue(IssueToken command, List<ExchangeEvent> events)
    {
        if (!_accounts.ContainsKey(command.AccountId))
        {
            return new Rejected(RejectReason.UnknownAccount, "user not found");
        }
        PruneExpiredTokens();
        _tokens[command.TokenHash] = new TokenGrant(command.AccountId, command.ExpiresAt);
        events.Add(new TokenIssued(Now, command.AccountId, command.TokenHash, command.ExpiresAt));
        return Done.Instance;
    }

    private CommandResult Revoke(RevokeToken command, List<ExchangeEvent> events)
    {
        if (!_tokens.Remove(command.TokenHash))
        {
            return new Rejected(RejectReason.UnknownToken, "token not found");
        }
        events.Add(new TokenRevoked(Now, command.TokenHash));
        return Done.Instance;
    }

    private void PruneExpiredTokens()
    {
        // Cheap enough at login rates; keeps the table from growing with dead tokens.
        foreach (KeyValuePair<string, TokenGrant> entry in _tokens)
        {
            if (entry.Value.ExpiresAt <= Now)
            {
                _tokens.Remove(entry.Key);
            }
        }
    }
}
