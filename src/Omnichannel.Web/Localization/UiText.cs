namespace Omnichannel.Web;

/// <summary>Marker for the UI's string resources: Resources/UiText.resx (English) and UiText.pt-BR.resx.</summary>
public sealed class UiText;
