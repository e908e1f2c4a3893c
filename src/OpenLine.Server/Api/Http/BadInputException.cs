namespace OpenLine.Server.Api.Http;

/// <summary>Input that cannot be read at all (e.g. text that is not valid Unicode); the catch point answers 400 with the message.</summary>
public sealed class BadInputException(string message, Exception? inner = null) : Exception(message, inner);
