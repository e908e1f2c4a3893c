using System.Globalization;
using System.Text;

namespace OpenLine.Core.Tests;

/// <summary>Renders results and events as text, so that two runs can be compared value by value.</summary>
internal static class Render
{
    public static string Result(CommandResult result) => result switch
    {
        PlaceResult place => "Place[" + string.Join(" | ", place.Outcomes.Select(Outcome)) + "]",
        AccountResult account => "Account " + account.Account.Id,
        GameResult game => "Game " + game.Game.Id,
        _ => result.ToString(),
    };

    public static string Outcome(OrderOutcome outcome) => outcome switch
    {
        OrderAccepted a => $"Accepted {a.WagerRequestId} fills[{string.Join(", ", a.Fills)}] rest {a.Rest}",
        _ => outcome.ToString(),
    };

    public static string Event(ExchangeEvent e) => e switch
    {
        HeldOrderResolved h => $"HeldOrderResolved {h.At.ToString(CultureInfo.InvariantCulture)} {h.HoldId.ToString(CultureInfo.InvariantCulture)} {h.AccountId} {Outcome(h.Outcome)}",
        _ => e.ToString(),
    };

    public static string Events(IEnumerable<ExchangeEvent> events)
    {
        var text = new StringBuilder();
        foreach (ExchangeEvent e in events)
        {
            text.AppendLine(Event(e));
        }
        return text.ToString();
    }
}
