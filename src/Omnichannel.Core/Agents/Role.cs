namespace Omnichannel.Agents;

/// <summary>What a user may do. Stored as an ASP.NET Core Identity role named after the value.</summary>
public enum Role
{
    Agent,
    Supervisor,
    Admin,
}

public static class Roles
{
    public const string Agent = nameof(Role.Agent);
    public const string Supervisor = nameof(Role.Supervisor);
    public const string Admin = nameof(Role.Admin);

    /// <summary>Roles that may see every inbox (used in authorization policies).</summary>
    public const string SupervisorOrAdmin = Supervisor + "," + Admin;

    public static Role Parse(string name) => Enum.Parse<Role>(name, ignoreCase: true);
}
