namespace TldOps.Core.Storage;

/// <summary>One numbered SQL script for one dialect, e.g. <c>Migrations/Sqlite/0003_members.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql);
