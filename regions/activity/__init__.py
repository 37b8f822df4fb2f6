"""Regional activity records: training delivered, safety champions recruited, organisations
engaged and safety culture assessments. Entered by regional leads through forms, CSV uploads and
the API, all of which write through `regions.activity.services`."""
