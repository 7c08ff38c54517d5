//! The site's files that are not theme pages (`plan::files`): calendars, open
//! data, the feed, search files and portal fragments, each handed to the sink.

use rayon::prelude::*;

use super::{bulletin, data, embed, event, feed, ics, ordered_sessions, seo, share, RenderContext};
use crate::diagnostics::{Diagnostic, Message};
use crate::plan::FileKind;

/// Renders and writes every planned file; returns how many.
pub fn render(
    ctx: &RenderContext,
    share_texts: &share::AllTexts,
) -> Result<usize, Vec<Diagnostic>> {
    let RenderContext {
        content,
        plan,
        theme,
        options,
        sink,
    } = ctx;
    let tera = theme.tera;
    let ordered = ordered_sessions(content, plan);
    let ordinals = event::day_ordinals(content, plan, &ordered);
    let sessions = ics::Sessions {
        content,
        plan,
        ordered: &ordered,
        ordinals: &ordinals,
    };
    let plans_calendars = plan
        .files
        .iter()
        .any(|f| matches!(f.kind, FileKind::Calendar | FileKind::HamletCalendar(_)));
    let events = if plans_calendars {
        ics::events(&sessions)
    } else {
        Vec::new()
    };
    // Only embed.html can be a site's own template; the .xml ones are bangtin's.
    let template_error = |e: tera::Error| theme.error(&e);
    let mut errors: Vec<Diagnostic> = plan
        .files
        .par_iter()
        .filter_map(|file| {
            let bytes = match file.kind {
                FileKind::Calendar => Ok(ics::calendar(&sessions, &events, None).into_bytes()),
                FileKind::HamletCalendar(h) => {
                    Ok(ics::calendar(&sessions, &events, Some(h)).into_bytes())
                }
                FileKind::DataJson => Ok(data::json(content, plan, &ordered)),
                FileKind::DataCsv => data::csv(content, plan, &ordered).map_err(|reason| {
                    Diagnostic::new(&file.path, None, Message::DataCsvFailed { reason })
                }),
                FileKind::Atom => feed::atom(content, plan, tera, options.today)
                    .map(String::into_bytes)
                    .map_err(template_error),
                FileKind::Sitemap => seo::sitemap(content, plan, tera)
                    .map(String::into_bytes)
                    .map_err(template_error),
                FileKind::Robots => Ok(seo::robots(content).into_bytes()),
                FileKind::Fragment => {
                    embed::fragment(content, plan, tera, &ordered, None, options.today)
                        .map(String::into_bytes)
                        .map_err(template_error)
                }
                FileKind::ShareZalo(target) => Ok(share::zalo_file(
                    &share_texts.get(content, plan, target, options.today).zalo,
                )),
                FileKind::ShareSms(target) => Ok(share::sms_file(
                    &share_texts.get(content, plan, target, options.today).sms,
                )),
                FileKind::EveningScripts(subject) => Ok(bulletin::file(content, plan, subject)),
                FileKind::HamletFragment(h) => {
                    embed::fragment(content, plan, tera, &ordered, Some(h), options.today)
                        .map(String::into_bytes)
                        .map_err(template_error)
                }
            };
            match bytes {
                Ok(bytes) => sink(&file.path, &bytes).err(),
                Err(d) => Some(d),
            }
        })
        .collect();
    if errors.is_empty() {
        Ok(plan.files.len())
    } else {
        errors.sort_by(|a, b| a.message.cmp(&b.message));
        errors.dedup_by(|a, b| a.message == b.message);
        Err(errors)
    }
}
