using CsCheck;

namespace OpenLine.Core.Tests;

// Model-based property: random pre-game order flows run through the engine and through the
// reference exchange of Model/ must give the same outcomes, the same fills
// (maker order, A, G) in the same order, the same resting stakes and the same liabilities, and the
// engine's invariants (ValidateInternalState: book never crossed between accounts, FIFO within a
// price, liabilities recomputed from scratch) hold after every step.
public class ModelBasedProperties
{
    private const long Seconds = 1_000;

    [Fact]
    public void Engine_fills_equal_the_reference_books_fills_and_invariants_hold_after_every_step()
    {
        OrderFlow.PreGame(maxOps: 60).Sample(RunAgainstModel, iter: 1_000);
    }

    // Rules §7 and §9: with grading, regrading, voids, deposits and withdrawals mixed into the flow,
    // every balance equals the reference's (cash plus each graded bet settled from its score by the
    // plain rules), the house holds exactly the reference's commission, and the ledger identity
    // deposits − withdrawals = Σ balances + house holds after every step (and ValidateInternalState
    // re-derives every balance from the ledger's entries after every command).
    [Fact]
    public void Balances_and_house_commission_equal_the_reference_through_grading_regrading_voids_and_cash_moves()
    {
        OrderFlow.WithSettlement(maxOps: 80).Sample(RunAgainstModel, iter: 800);
    }

    private static void RunAgainstModel(Flow flow)
    {
        var x = new TestExchange();
        var model = new ReferenceExchange(x.Engine.Options.MinimumOffer.Micros);
        var accounts = new List<(Account Engine, ModelAccount Model)>();
        foreach (AccountSpec spec in flow.Accounts)
        {
            Account a = Assert.IsType<AccountResult>(x.Run(new CreateAccount("u" + accounts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "h", Money.FromMicros(spec.BalanceMicros), Money.FromMicros(spec.CreditLimitMicros), CommissionRate.FromPpm(spec.CommissionPpm)))).Account;
            accounts.Add((a, model.AddAccount(spec.BalanceMicros, spec.CreditLimitMicros, spec.CommissionPpm)));
        }
        var games = new List<Game>();
        for (int g = 0; g < flow.GameCount; g++)
        {
            // Game 0 is basketball (1x2 orders on it are refused); the others are soccer, with 1x2 markets.
            bool soccer = g > 0;
            games.Add(x.NewGame(soccer ? "EPL" : "NBA", soccer ? "soccer" : "basketball", TestExchange.T0 + (30L * TestExchange.Day)));
            if (soccer)
            {
                model.OfferThreeWay(g);
            }
        }
        var engineToModel = new Dictionary<ObjectId, ModelOrder>();
        var restedIds = new List<ObjectId>();

        foreach (FlowOp op in flow.Ops)
        {
            switch (op)
            {
                case GradeOp grade:
                    {
                        model.ExpireUntil(x.Now);
                        Assert.IsType<GradeResult>(x.Run(new GradeGame(games[grade.Game].Id, grade.Away, grade.Home)));
                        model.Grade(grade.Game, grade.Away, grade.Home);
                        break;
                    }

                case VoidOp voidGame:
                    model.ExpireUntil(x.Now);
                    Assert.IsType<GradeResult>(x.Run(new VoidGame(games[voidGame.Game].Id)));
                    model.Void(voidGame.Game);
                    break;

                case DepositOp deposit:
                    {
                        model.ExpireUntil(x.Now);
                        CommandResult result = x.Run(new Deposit(accounts[deposit.Account].Engine.Id, Money.FromMicros(deposit.AmountMicros)));
                        Assert.Equal(model.Deposit(accounts[deposit.Account].Model, deposit.AmountMicros), result is Rejected r ? r.Reason : RejectReason.None);
                        break;
                    }

                case WithdrawOp withdraw:
                    {
                        model.ExpireUntil(x.Now);
                        CommandResult result = x.Run(new Withdraw(accounts[withdraw.Account].Engine.Id, Money.FromMicros(withdraw.AmountMicros)));
                        Assert.Equal(model.Withdraw(accounts[withdraw.Account].Model, withdraw.AmountMicros), result is Rejected r ? r.Reason : RejectReason.None);
                        break;
                    }

                case AdvanceOp advance:
                    x.Now += advance.Milliseconds;
                    x.Run(AdvanceTime.Instance);
                    model.ExpireUntil(x.Now);
                    break;

                case CancelOp cancel:
                    {
                        (Account engineAccount, ModelAccount modelAccount) = accounts[cancel.Account];
                        ObjectId id = cancel.Pick < 0 || restedIds.Count == 0 ? new ObjectId(1, 987_654_321) : restedIds[cancel.Pick % restedIds.Count];
                        model.ExpireUntil(x.Now);
                        CommandResult result = x.Cancel(engineAccount, id);
                        RejectReason expected = model.Cancel(modelAccount, engineToModel.GetValueOrDefault(id));
                        Assert.Equal(expected, result is Rejected r ? r.Reason : RejectReason.None);
                        break;
                    }

                case PlaceOp place:
                    {
                        (Account engineAccount, ModelAccount modelAccount) = accounts[place.Account];
                        OrderRequest[] requests = [.. place.Orders.Select(s => OrderFlow.ToRequest(s, games[s.Game]))];
                        model.ExpireUntil(x.Now);
                        PlaceResult result = x.PlaceBatch(engineAccount, requests);
                        for (int i = 0; i < requests.Length; i++)
                        {
                            OrderSpec s = place.Orders[i];
                            ModelOutcome expected = model.Place(modelAccount, (s.Game, s.Market, s.Line), s.Side, s.Odds, s.BetMicros,
                                s.Type, s.ExpirationMinutes, x.Now);
                            CompareOutcome(expected, result.Outcomes[i], engineToModel, restedIds);
                        }
                        break;
                    }
            }

            // After every step: equal balances, liabilities and books, and the house's commission.
            foreach ((Account engineAccount, ModelAccount modelAccount) in accounts)
            {
                Assert.Equal(modelAccount.Balance, engineAccount.Balance.Micros);
                Assert.Equal(modelAccount.Liability, engineAccount.Liability.Micros);
                Assert.Equal(modelAccount.Resting, engineAccount.RestingStake.Micros);
            }
            Assert.Equal(model.House, x.Engine.HouseCommission.Micros);
            foreach ((ObjectId id, ModelOrder m) in engineToModel)
            {
                Order o = x.Engine.Orders[id];
                Assert.Equal(m.IsOpen, o.State == OrderState.Open);
                Assert.Equal(m.Remaining, o.Remaining.Micros);
            }
            Assert.Equal(x.Engine.TotalDeposits - x.Engine.TotalWithdrawals,
                accounts.Aggregate(Money.Zero, (sum, a) => sum + a.Engine.Balance) + x.Engine.HouseCommission);
        }
    }

    private static void CompareOutcome(ModelOutcome expected, OrderOutcome actual, Dictionary<ObjectId, ModelOrder> engineToModel, List<ObjectId> restedIds)
    {
        if (expected.Reason != RejectReason.None)
        {
            Assert.Equal(expected.Reason, Assert.IsType<OrderRejected>(actual).Reason);
            return;
        }
        OrderAccepted accepted = Assert.IsType<OrderAccepted>(actual);
        Assert.Equal(
            expected.Fills.Select(f => (f.Maker.Id, f.A, f.G)),
            accepted.Fills.Select(f => (engineToModel[f.MakerOrderId].Id, f.Amount.Micros, f.WinWithoutCommission.Micros)));
        foreach (FillReport f in accepted.Fills)
        {
            // Equal and opposite stakes: G = floor(A × m(taker odds)), from the integer fraction.
            (long n, long d) = ReferenceExchange.M(f.Odds.Value);
            Assert.Equal((long)((Int128)f.Amount.Micros * n / d), f.WinWithoutCommission.Micros);
        }
        if (expected.Rest is null)
        {
            Assert.Null(accepted.Rest);
        }
        else
        {
            Assert.NotNull(accepted.Rest);
            Assert.Equal(expected.Rest.Remaining, accepted.Rest.Offered.Micros);
            engineToModel.Add(accepted.Rest.OrderId, expected.Rest);
            restedIds.Add(accepted.Rest.OrderId);
        }
    }

    [Fact]
    public void Reference_model_agrees_with_the_seed_scenario_2()
    {
        // A sanity check of the oracle itself, against the published numbers.
        var model = new ReferenceExchange(10_000_000);
        ModelAccount maker = model.AddAccount(1_000_000_000, 0, 10_000);
        ModelAccount taker = model.AddAccount(1_000_000_000, 0, 10_000);
        model.Place(maker, (0, 0, 0), 1, 185, 100_000_000, OrderType.Limit, null, 0);

        ModelOutcome outcome = model.Place(taker, (0, 0, 0), 0, -185, 300_000_000, OrderType.Limit, null, Seconds);

        ModelFill fill = Assert.Single(outcome.Fills);
        Assert.Equal(185_000_000, fill.A);
        Assert.Equal(100_000_000, fill.G);
        Assert.Equal(115_000_000, outcome.Rest!.Remaining);
        Assert.Equal(-(186_000_000 + 115_000_000), taker.Liability);
    }
}
