using System.Numerics;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;

namespace OpenLine.Server.Api;

/// <summary>
/// The <c>odds</c> block of <c>getOddsForAveragePrice</c> (API §3.1), computed from the taker-facing
/// book (API §8.3). Reads live engine state: sequencer thread only.
/// </summary>
/// <remarks>
/// <para>
/// One quote describes what a taker of one side can get. The offers are the resting orders of the
/// other book side, best taker price first; at each price the stake a taker can put up is
/// Σ <c>sumUntaken</c> = Σ <c>floor(remaining × m(maker odds))</c> micro-dollars.
/// </para>
/// <list type="bullet">
/// <item><c>best</c>: the taker price of the top offer.</item>
/// <item><c>average</c>: the effective price of sweeping <c>min($500, available)</c> of taker stake,
/// best price first. With <c>s_i</c> the stake taken at price <c>p_i</c>, the sweep wins
/// <c>Σ s_i·m(p_i)</c> for <c>Σ s_i</c>, so its profit multiplier is the stake-weighted mean
/// <c>m̄ = Σ s_i·m(p_i) / Σ s_i</c>. Averaging the American numbers themselves would be wrong
/// (−110 and +110 do not average to 0), so the mean is taken in profit-multiplier space, exactly
/// (rational arithmetic), and converted back to an integer American price.</item>
/// <item><c>bestWithCommission</c>: the best price after a 1% taker commission on the win side
/// (rules §8.9: <c>win = G × (1 − c)</c>), i.e. <c>m = 0.99 × m(best)</c>.</item>
/// <item><c>priceLimit</c>: the stake fillable at the best price; <c>maxBet</c>: the stake fillable
/// at the average price or better (every offer whose price is at least the average).</item>
/// </list>
/// <para>
/// Converting a multiplier back to American odds rounds toward the taker's worse price
/// (<c>+floor(100·m)</c> when <c>m ≥ 1</c>, else <c>−ceil(100/m)</c>), so a quoted price never
/// promises more than the taker gets: an exact −110 stays −110, a mix worth −113.2 reads −114.
/// Stakes are written as whole dollars, rounded down (the schema's integers).
/// </para>
/// <para>
/// The quote is the market's, the same for every caller: the caller's own orders are included
/// even though self-match prevention would skip them for that caller.
/// </para>
/// </remarks>
internal static class AveragePrices
{
    /// <summary>The sweep size behind <c>average</c>: $500 of taker stake.</summary>
    public static readonly Money SweepTarget = Money.FromDollars(500);

    /// <summary>The taker commission assumed by <c>*WithCommission</c>: 1% (as a fraction, 99/100 kept).</summary>
    private const int KeptNumerator = 99;
    private const int KeptDenominator = 100;

    public static AveragePriceOddsDto Odds(Game game, MainLines main)
    {
        OrderBook? moneyline = game.TryGetBook(new BookKey(MarketType.Moneyline, 0), out OrderBook? ml) ? ml : null;
        // A taker of side s is served by the resting orders of side 1 − s (side 0 = away/over, 1 = home/under).
        SideQuote home = Quote(moneyline?.Side(0));
        SideQuote away = Quote(moneyline?.Side(1));
        SideQuote homeSpread = Quote(main.SpreadBook?.Side(0));
        SideQuote awaySpread = Quote(main.SpreadBook?.Side(1));
        SideQuote over = Quote(main.TotalBook?.Side(1));
        SideQuote under = Quote(main.TotalBook?.Side(0));
        return new AveragePriceOddsDto
        {
            AverageHomeMoneyline = home.Average,
            BestHomeMoneyline = home.Best,
            BestHomeMoneylineWithCommission = home.BestWithCommission,
            BestHomeMoneylinePriceLimit = home.PriceLimit,
            AverageAwayMoneyline = away.Average,
            BestAwayMoneyline = away.Best,
            BestAwayMoneylineWithCommission = away.BestWithCommission,
            BestAwayMoneylinePriceLimit = away.PriceLimit,
            AverageHomeSpread = homeSpread.Average,
            BestHomeSpread = homeSpread.Best,
            BestHomeSpreadWithCommission = homeSpread.BestWithCommission,
            BestHomeSpreadPriceLimit = homeSpread.PriceLimit,
            MainHomeSpread = main.HomeSpread,
            AverageAwaySpread = awaySpread.Average,
            BestAwaySpread = awaySpread.Best,
            BestAwaySpreadWithCommission = awaySpread.BestWithCommission,
            BestAwaySpreadPriceLimit = awaySpread.PriceLimit,
            MainAwaySpread = main.AwaySpread,
            AverageOver = over.Average,
            BestOver = over.Best,
            BestOverWithCommission = over.BestWithCommission,
            BestOverPriceLimit = over.PriceLimit,
            AverageUnder = under.Average,
            BestUnder = under.Best,
            BestUnderWithCommission = under.BestWithCommission,
            BestUnderPriceLimit = under.PriceLimit,
            MainTotal = main.Total,
            MaxMoneyLineBet = Math.Max(home.MaxBet, away.MaxBet),
            HomeMoneylineMaxBet = home.MaxBet,
            AwayMoneylineMaxBet = away.MaxBet,
            MaxTotalBet = Math.Max(over.MaxBet, under.MaxBet),
            MaxOverBet = over.MaxBet,
            MaxUnderBet = under.MaxBet,
            MaxSpreadBet = Math.Max(homeSpread.MaxBet, awaySpread.MaxBet),
            MaxHomeSpreadBet = homeSpread.MaxBet,
            MaxAwaySpreadBet = awaySpread.MaxBet,
        };
    }

    /// <summary>The quote for a taker served by <paramref name="resting"/> (null or empty: no offers).</summary>
    public static SideQuote Quote(BookSide? resting)
    {
        List<(AmericanOdds Price, Int128 Stake)> offers = Offers(resting);
        if (offers.Count == 0)
        {
            return SideQuote.None;
        }
        AmericanOdds best = offers[0].Price;
        AmericanOdds average = Average(offers, SweepTarget.Micros);
        Int128 atAverage = 0;
        foreach ((AmericanOdds price, Int128 stake) in offers)
        {
            if (price < average)
            {
                break; // offers are best first: the rest are worse still
            }
            atAverage += stake;
        }
        AmericanOdds withCommission = FromMultiplier(
            (BigInteger)best.MultiplierNumerator * KeptNumerator,
            (BigInteger)best.MultiplierDenominator * KeptDenominator);
        return new SideQuote(best.Value, average.Value, withCommission.Value, WholeDollars(offers[0].Stake), WholeDollars(atAverage));
    }

    /// <summary>
    /// The effective price of sweeping <c>min(target, available)</c> micro-dollars of taker stake:
    /// <c>m̄ = Σ s_i·n_i/d_i / Σ s_i</c>, exact, then <see cref="FromMultiplier"/>.
    /// </summary>
    public static AmericanOdds Average(IReadOnlyList<(AmericanOdds Price, Int128 Stake)> offers, long target)
    {
        Int128 left = target;
        Int128 swept = 0;
        BigInteger winNumerator = 0; // Σ s_i·m(p_i) = winNumerator / winDenominator (micro-dollars)
        BigInteger winDenominator = 1;
        foreach ((AmericanOdds price, Int128 stake) in offers)
        {
            Int128 take = stake < left ? stake : left;
            // a/b + s·n/d = (a·d + s·n·b) / (b·d), reduced to keep the numbers small.
            BigInteger numerator = winNumerator * price.MultiplierDenominator + (BigInteger)take * price.MultiplierNumerator * winDenominator;
            BigInteger denominator = winDenominator * price.MultiplierDenominator;
            BigInteger divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
            winNumerator = numerator / divisor;
            winDenominator = denominator / divisor;
            swept += take;
            left -= take;
            if (left == 0)
            {
                break;
            }
        }
        return FromMultiplier(winNumerator, winDenominator * (BigInteger)swept);
    }

    /// <summary>
    /// The integer American price of profit multiplier <c>numerator/denominator</c> (&gt; 0), rounded
    /// toward the holder's worse price: <c>+floor(100·m)</c> for <c>m ≥ 1</c>, else <c>−ceil(100/m)</c>.
    /// A result beyond ±100000 (only after commission on a price near −100000) is held at −100000.
    /// </summary>
    public static AmericanOdds FromMultiplier(BigInteger numerator, BigInteger denominator)
    {
        if (numerator >= denominator)
        {
            BigInteger positive = BigInteger.Min(100 * numerator / denominator, AmericanOdds.MaxMagnitude);
            return AmericanOdds.FromInt32((int)positive);
        }
        BigInteger magnitude = BigInteger.Min((100 * denominator + numerator - 1) / numerator, AmericanOdds.MaxMagnitude);
        return AmericanOdds.FromInt32(-(int)magnitude);
    }

    /// <summary>The taker prices on offer, best first, with the taker stake each can take (micro-dollars).</summary>
    private static List<(AmericanOdds Price, Int128 Stake)> Offers(BookSide? resting)
    {
        var offers = new List<(AmericanOdds, Int128)>();
        if (resting is null)
        {
            return offers;
        }
        foreach (PriceLevel level in resting.LevelsBestFirst)
        {
            Int128 stake = 0;
            foreach (Order order in level.Orders)
            {
                stake += (Int128)order.Remaining.Micros * order.Odds.MultiplierNumerator / order.Odds.MultiplierDenominator;
            }
            if (stake > 0)
            {
                offers.Add((level.TakerOdds, stake));
            }
        }
        return offers;
    }

    private static long WholeDollars(Int128 micros) => (long)(micros / Money.UnitsPerDollar);
}

/// <summary>One side's quote: prices are American odds (null without offers); stakes whole dollars.</summary>
internal readonly record struct SideQuote(int? Best, int? Average, int? BestWithCommission, long? PriceLimit, long MaxBet)
{
    public static readonly SideQuote None = new(null, null, null, null, 0);
}
