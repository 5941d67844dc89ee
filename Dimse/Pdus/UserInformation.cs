namespace HeadCt.Dimse.Pdus;

/// <summary>
/// The User Information item (PS3.8 §9.3.2.3, PS3.7 Annex D.3.3): maximum length received (0 = no limit), the
/// implementation's identity, the asynchronous operations window, SCP/SCU role selection and the extended
/// negotiation items, which are accepted and ignored (kept only to be counted).
/// </summary>
public sealed record UserInformation(
    uint MaxPduLength,
    string? ImplementationClassUid,
    string? ImplementationVersionName,
    AsyncOperationsWindow? AsyncOperations,
    IReadOnlyList<RoleSelection> RoleSelections,
    IReadOnlyList<IgnoredUserItem> IgnoredItems)
{
    public static UserInformation Of(uint maxPduLength, string implementationClassUid, string implementationVersionName) =>
        new(maxPduLength, implementationClassUid, implementationVersionName, null, [], []);
}

/// <summary>PS3.7 §D.3.3.3: how many operations may be outstanding each way (0 = unlimited).</summary>
public readonly record struct AsyncOperationsWindow(ushort MaxInvoked, ushort MaxPerformed);

/// <summary>PS3.7 §D.3.3.4: for one SOP class, whether the requestor may be SCU and/or SCP.</summary>
public sealed record RoleSelection(string SopClassUid, bool ScuRole, bool ScpRole);

/// <summary>A user information sub-item we do not act on (SOP class extended negotiation 56H/57H, user identity 58H, unknown).</summary>
public sealed record IgnoredUserItem(byte ItemType, int Length);
