using OpenLine.Server;

OpenLineApp.Build(args).Run();

/// <summary>The entry point, visible to integration tests.</summary>
public partial class Program;
