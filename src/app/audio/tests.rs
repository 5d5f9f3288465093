//! The unit tests of [`super`].
use super::*;

/// Ten samples of 1.0, one channel at 1 kHz, in `OnTime`.
fn tone(starts_at: Instant, longest: Duration) -> OnTime<rodio::buffer::SamplesBuffer> {
    let channels = rodio::ChannelCount::MIN;
    let rate = rodio::SampleRate::new(1000).unwrap_or(rodio::SampleRate::MIN);
    OnTime::new(
        rodio::buffer::SamplesBuffer::new(channels, rate, vec![1.0; 10]),
        starts_at,
        longest,
    )
}

fn silent_samples(sound: OnTime<rodio::buffer::SamplesBuffer>) -> (usize, usize) {
    let samples: Vec<f32> = sound.collect();
    let silent = samples.iter().take_while(|s| **s == 0.0).count();
    (silent, samples.len() - silent)
}

#[test]
fn every_cue_is_in_the_form_the_output_opens_in() {
    use rodio::Source as _;
    for sound in crate::assets::tests::every_sound() {
        let bytes = assets::sound(&sound).unwrap_or_default();
        let decoded = rodio::Decoder::new_wav(Cursor::new(bytes));
        let Ok(decoded) = decoded else {
            panic!("{sound:?} does not decode");
        };
        assert_eq!(decoded.sample_rate(), CUE_RATE, "{sound:?}");
        assert_eq!(decoded.channels(), rodio::ChannelCount::MIN, "{sound:?}");
    }
}

#[test]
fn the_period_is_about_93_ms_in_a_power_of_two_frames() {
    assert_eq!(period_frames(22_050), 2048);
    assert_eq!(period_frames(44_100), 4096);
    assert_eq!(period_frames(48_000), 4096);
    assert_eq!(period_frames(96_000), 8192);
    assert_eq!(period_frames(8_000), 512);
}

#[test]
fn a_sound_waits_until_it_is_due_counted_from_its_first_sample() {
    let at = Instant::now() + Duration::from_millis(50);
    let (silent, sound) = silent_samples(tone(at, Duration::from_secs(1)));
    // 1 kHz: a sample a millisecond; a little time passes before the
    // first is asked.
    assert!((40..=50).contains(&silent), "{silent}");
    assert_eq!(sound, 10);
}

#[test]
fn a_sound_is_placed_by_when_its_frame_is_heard_not_when_it_is_asked() {
    // The device hears this period's first frame 200 ms from now; a
    // sound due 230 ms from now starts 30 frames (1 ms each) into it.
    let heard = Instant::now() + Duration::from_millis(200);
    let mut sound = tone(heard + Duration::from_millis(30), Duration::from_secs(1));
    let mut period = [0.5_f32; 64];
    fill(&mut period, 1, Duration::from_millis(1), heard, &mut sound);
    let silent = period.iter().take_while(|s| **s == 0.0).count();
    assert_eq!(silent, 30, "{period:?}");
    assert_eq!(period[30..40], [1.0; 10]);
    // After the sound, the frames are silence, not what was there.
    assert!(period[40..].iter().all(|s| *s == 0.0));
    // Two channels: the same moment, twice the samples.
    let stereo = rodio::buffer::SamplesBuffer::new(
        rodio::ChannelCount::new(2).unwrap_or(rodio::ChannelCount::MIN),
        rodio::SampleRate::new(1000).unwrap_or(rodio::SampleRate::MIN),
        vec![1.0; 20],
    );
    let mut sound = OnTime::new(
        stereo,
        heard + Duration::from_millis(30),
        Duration::from_secs(1),
    );
    let mut period = [0.5_f32; 128];
    fill(&mut period, 2, Duration::from_millis(1), heard, &mut sound);
    assert_eq!(period.iter().take_while(|s| **s == 0.0).count(), 60);
    // Outside the output's callback, the moment asked stands in.
    assert_eq!(HEARD_AT.get(), None);
}

#[test]
fn every_cue_is_late_by_the_longest_period_and_delay_the_device_reported() {
    let latency = Latency::default();
    let set = Duration::from_millis(93);
    let ms = Duration::from_millis;
    // Before the device has said anything: the period set, and 5 ms.
    assert_eq!(latency.lead(set), ms(98));
    latency.saw(ms(185), ms(62));
    latency.saw(ms(125), ms(62));
    assert_eq!(latency.lead(set), ms(62 + 5 + 185));
    // A delay past belief (a glitch) does not make every cue that late.
    latency.saw(Duration::from_secs(3), ms(62));
    assert_eq!(latency.lead(set), ms(62 + 5 + 185));
    latency.saw(ms(190), ms(70));
    assert_eq!(latency.lead(set), ms(70 + 5 + 190));
}

#[test]
fn a_sound_already_due_starts_at_once_and_one_far_off_waits_at_most_longest() {
    let past = Instant::now().checked_sub(Duration::from_secs(1));
    let past = past.unwrap_or_else(Instant::now);
    assert_eq!(silent_samples(tone(past, Duration::from_secs(1))), (0, 10));
    let far = Instant::now() + Duration::from_secs(3600);
    assert_eq!(
        silent_samples(tone(far, Duration::from_millis(20))),
        (20, 10)
    );
}
