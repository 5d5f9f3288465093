//! The system's colour scheme and contrast, from the settings portal
//! (`org.freedesktop.appearance`), read once and then followed as the
//! person changes them.

use futures_lite::StreamExt as _;
use zbus::zvariant::{OwnedValue, Value};

use super::{Desktop, PORTAL, PORTAL_PATH, lock};

const SETTINGS: &str = "org.freedesktop.portal.Settings";
const NAMESPACE: &str = "org.freedesktop.appearance";

/// What the person prefers, as the settings portal says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorScheme {
    /// No preference (or no portal).
    #[default]
    NoPreference,
    /// Dark.
    Dark,
    /// Light.
    Light,
}

/// The system's appearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Appearance {
    /// Dark, light or no preference.
    pub color_scheme: ColorScheme,
    /// Higher contrast asked for.
    pub high_contrast: bool,
}

impl Appearance {
    /// Takes in one setting of the `org.freedesktop.appearance` namespace;
    /// says whether it was one of ours.
    fn set(&mut self, key: &str, value: u32) -> bool {
        match key {
            // 0 no preference, 1 dark, 2 light.
            "color-scheme" => {
                self.color_scheme = match value {
                    1 => ColorScheme::Dark,
                    2 => ColorScheme::Light,
                    _ => ColorScheme::NoPreference,
                };
                true
            }
            // 0 no preference, 1 higher contrast.
            "contrast" => {
                self.high_contrast = value == 1;
                true
            }
            _ => false,
        }
    }
}

/// A setting's value as a number. The portal's old `Read` wraps the value
/// in a second variant; both shapes are taken.
fn number(value: &Value<'_>) -> Option<u32> {
    match value {
        Value::Value(inner) => number(inner),
        Value::U32(n) => Some(*n),
        _ => None,
    }
}

/// Reads the appearance and follows its changes until the bus goes away.
/// Runs on the desktop thread.
pub(super) fn watch(desktop: &Desktop) {
    let Some(connection) = desktop.connection() else {
        return;
    };
    let followed = async_io::block_on(async {
        let proxy = zbus::Proxy::new(&connection, PORTAL, PORTAL_PATH, SETTINGS).await?;
        // Listen first, so no change between the read and the listening is lost.
        let mut changes = proxy.receive_signal("SettingChanged").await?;
        for key in ["color-scheme", "contrast"] {
            match proxy
                .call::<_, _, OwnedValue>("Read", &(NAMESPACE, key))
                .await
            {
                Ok(value) => {
                    if let Some(n) = number(&value) {
                        lock(&desktop.shared.appearance).set(key, n);
                    }
                }
                // An unknown key (an older portal has no `contrast`) is no trouble.
                Err(e) => log::debug!("the settings portal has no {key}: {e}"),
            }
        }
        desktop.wake();
        while let Some(message) = changes.next().await {
            let Ok((namespace, key, value)) =
                message.body().deserialize::<(String, String, OwnedValue)>()
            else {
                continue;
            };
            if namespace != NAMESPACE {
                continue;
            }
            let changed =
                number(&value).is_some_and(|n| lock(&desktop.shared.appearance).set(&key, n));
            if changed {
                desktop.wake();
            }
        }
        Ok::<(), zbus::Error>(())
    });
    if let Err(e) = followed {
        log::info!("the system's colour scheme cannot be read ({e}): the light theme is used");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_portal_values_in_both_shapes() {
        assert_eq!(number(&Value::U32(1)), Some(1));
        assert_eq!(number(&Value::Value(Box::new(Value::U32(2)))), Some(2));
        assert_eq!(number(&Value::from("dark")), None);
        let mut a = Appearance::default();
        assert!(a.set("color-scheme", 1));
        assert_eq!(a.color_scheme, ColorScheme::Dark);
        assert!(a.set("color-scheme", 7));
        assert_eq!(a.color_scheme, ColorScheme::NoPreference);
        assert!(a.set("contrast", 1));
        assert!(a.high_contrast);
        assert!(!a.set("accent-color", 1));
    }
}
