namespace OpenLine.Core;

// Games: creation, the live flag and the start (rules §6).
public sealed partial class Exchange
{
    private CommandResult CreateGame(CreateGame command, List<ExchangeEvent> events)
    {
        if (string.IsNullOrWhiteSpace(command.League) || string.IsNullOrWhiteSpace(command.Sport))
        {
            return new Rejected(RejectReason.InvalidGame, "league and sport are required");
        }
        if (!IsValidParticipant(command.Away) || !IsValidParticipant(command.Home))
        {
            return new Rejected(RejectReason.InvalidGame, "each participant needs a longName and a shortName");
        }
        if (string.Equals(command.Away.LongName.Trim(), command.Home.LongName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return new Rejected(RejectReason.InvalidGame, "a game needs two different participants");
        }
        string league = command.League.Trim().ToUpperInvariant();
        string sport = command.Sport.Trim().ToLowerInvariant();
        Participant away = ParticipantFor(league, sport, command.Away);
        Participant home = ParticipantFor(league, sport, command.Home);
        var game = new Game(_ids.Next(Now), league, sport, command.StartsAt, command.EventName?.Trim(), away, home, Now);
        _games.Add(game.Id, game);
        events.Add(new GameCreated(Now, game.Id));
        if (command.StartsAt <= Now)
        {
            StartGame(game, events);
        }
        else
        {
            Schedule(command.StartsAt, new Timer(TimerKind.GameStart, Game: game));
        }
        return new GameResult(game);
    }

    private static bool IsValidParticipant(ParticipantSpec spec) =>
        !string.IsNullOrWhiteSpace(spec.LongName) && !string.IsNullOrWhiteSpace(spec.ShortName)
        && spec.LongName.Length <= 200 && spec.ShortName.Length <= 50;

    private Participant ParticipantFor(string league, string sport, ParticipantSpec spec)
    {
        string longName = spec.LongName.Trim();
        if (!_participants.TryGetValue((league, longName), out Participant? participant))
        {
            participant = new Participant(_ids.Next(Now), longName, spec.ShortName.Trim(), league, sport);
            _participants.Add((league, longName), participant);
        }
        return participant;
    }

    private CommandResult SetLive(SetGameLive command, List<ExchangeEvent> events)
    {
        if (!_games.TryGetValue(command.GameId, out Game? game))
        {
            return new Rejected(RejectReason.UnknownGame, "game not found");
        }
        if (game.Ended)
        {
            return new Rejected(RejectReason.InvalidGame, "game has ended");
        }
        if (game.Live == command.Live)
        {
            return new GameResult(game);
        }
        game.Live = command.Live;
        if (command.Live)
        {
            // Pre-game orders are cancelled when the game starts or is marked live, whichever comes first.
            CancelGameOrders(game, o => !o.PlacedLive, CancelReason.GameStart, events);
        }
        else if (game.Started)
        {
            // Out of play after the start: the market is closed, nothing may stay open on it.
            CancelGameOrders(game, _ => true, CancelReason.MarketClosed, events);
        }
        events.Add(new GameChanged(Now, game.Id, game.Live, game.Started, game.Ended));
        return new GameResult(game);
    }

    private void StartGame(Game game, List<ExchangeEvent> events)
    {
        game.Started = true;
        // Pre-game orders go at the start; if the game is not live, the market closes altogether.
        CancelGameOrders(game, o => !o.PlacedLive || !game.Live, game.Live ? CancelReason.GameStart : CancelReason.MarketClosed, events);
        events.Add(new GameChanged(Now, game.Id, game.Live, game.Started, game.Ended));
    }
}
